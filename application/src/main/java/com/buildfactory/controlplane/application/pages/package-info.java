/** The pages a person opens in a browser: static files served from the jar, and the headers that guard them. */
package com.buildfactory.controlplane.application.pages;
