/** The HTTP API: item pages, actions and edits, with RFC 9457 problem details for every error. */
package com.buildfactory.controlplane.application.web;
