package com.buildfactory.controlplane.ops.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** One line of a part, written as one JSON object; {@link PartWriter} adds the newline. */
@FunctionalInterface
public interface ArchiveRow {

    void writeTo(JsonGenerator json) throws IOException;
}
