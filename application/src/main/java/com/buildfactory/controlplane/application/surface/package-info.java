/** The HTTP surface every answer shares: strict JSON and media types, problem details from every layer, headers, CORS. */
package com.buildfactory.controlplane.application.surface;
