/** Bearer API tokens: each names an actor and its permissions; only SHA-256 hashes of tokens are kept. */
package com.buildfactory.controlplane.application.security;
