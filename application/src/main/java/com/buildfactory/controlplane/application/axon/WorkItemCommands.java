package com.buildfactory.controlplane.application.axon;

import com.buildfactory.controlplane.storage.SingleWriter;
import com.buildfactory.controlplane.application.metrics.CommandMetrics;
import com.buildfactory.controlplane.domain.policy.Actor;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/** Sends commands to the WorkItem aggregate, one at a time, with the actor in their metadata; each is measured. */
public class WorkItemCommands {

    private final CommandGateway gateway;
    private final SingleWriter singleWriter;
    private final CommandMetrics metrics;

    public WorkItemCommands(CommandGateway gateway, SingleWriter singleWriter, CommandMetrics metrics) {
        this.gateway = gateway;
        this.singleWriter = singleWriter;
        this.metrics = metrics;
    }

    public <R> R send(Object command, Actor actor) {
        var message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.with(AxonConfiguration.ACTOR, actor.name()));
        return metrics.record(command, singleWriter::write, () -> gateway.sendAndWait(message));
    }
}
