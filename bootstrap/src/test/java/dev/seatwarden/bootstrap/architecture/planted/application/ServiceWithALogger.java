package dev.seatwarden.bootstrap.architecture.planted.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Depends on a library that is neither Java, nor Vavr, nor the domain. */
public final class ServiceWithALogger {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceWithALogger.class);

    public void run() {
        LOG.debug("running");
    }
}
