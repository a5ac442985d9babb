package com.buildfactory.controlplane.domain.workitem;

import java.lang.reflect.Field;

/** Reads the aggregate's private fields, which it deliberately exposes to nothing but Axon and snapshots. */
public final class AggregateFields {

    private AggregateFields() {
    }

    public static String idOf(WorkItem item) {
        return (String) read(item, "id");
    }

    public static ItemState stateOf(WorkItem item) {
        return (ItemState) read(item, "state");
    }

    public static long versionOf(WorkItem item) {
        return (long) read(item, "version");
    }

    private static Object read(WorkItem item, String name) {
        try {
            Field field = WorkItem.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(item);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("WorkItem has no field " + name, e);
        }
    }
}
