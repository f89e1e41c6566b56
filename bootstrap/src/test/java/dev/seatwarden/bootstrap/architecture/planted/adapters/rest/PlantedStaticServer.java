package dev.seatwarden.bootstrap.architecture.planted.adapters.rest;

/** Starts the one static sparkjava server of the JVM instead of a Service instance. */
public final class PlantedStaticServer {

    public void listen(int port) {
        spark.Spark.port(port);
    }
}
