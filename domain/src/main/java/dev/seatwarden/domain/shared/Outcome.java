package dev.seatwarden.domain.shared;

import io.vavr.collection.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What an accepted command produces: the next state and the events that record the change.
 *
 * @param <T> the state's type
 */
public record Outcome<T>(T value, List<DomainEvent> events) {
    public Outcome {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(events, "events");
    }

    public static <T> Outcome<T> of(T value, DomainEvent... events) {
        return new Outcome<>(value, List.of(events));
    }

    /** The same events with the state transformed. */
    public <U> Outcome<U> map(Function<? super T, ? extends U> f) {
        return new Outcome<>(f.apply(value), events);
    }
}
