package com.buildfactory.controlplane.projections.support;

import java.util.List;

/**
 * How a read model is rebuilt in bulk: which processor it belongs to, how its tables are cleared (as its
 * {@code @ResetHandler} does), and a fresh in-memory fold per item. The caller reads the log item by item, feeds
 * each item's events to one fold and writes its rows; it owns the transactions and the processor's token.
 */
public interface ReadModelRebuild {

    String processingGroup();

    List<String> clearStatements();

    ItemFold newItem();
}
