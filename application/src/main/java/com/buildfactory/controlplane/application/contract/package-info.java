/** The published API contract: OpenAPI 3.1 generated from the controllers, with the conventions every answer shares. */
package com.buildfactory.controlplane.application.contract;
