package com.buildfactory.controlplane.storage;

/** The log head when this process opened the store: the read side has caught up once every processor reached it. */
public interface HeadAtStart {

    /** The global index of the last event stored when this process opened the store; -1 for an empty log. */
    long headAtStart();
}
