package com.buildfactory.controlplane.projections.support;

import java.util.List;

/**
 * How the read models are rebuilt in bulk: which processor they belong to, how their tables are cleared (as the
 * processor's {@code @ResetHandler} does), and a fresh fold per item, with the same row rules the processor's
 * batches use. The caller reads the log item by item, feeds each item's events to one fold and writes its rows; it
 * owns the transactions and the processor's token.
 */
public interface ReadModelRebuild {

    String processingGroup();

    List<String> clearStatements();

    ItemFold newItem();
}
