package dev.seatwarden.adapters.rest.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body, read up to a limit. A body over the limit is not read on: the connection is
 * dropped and the answer is marked as cut, so that whatever sends an endless body costs at most
 * {@code limit} bytes of memory.
 *
 * @param bytes the body, or its first {@code limit} bytes at most when {@code cut}
 * @param cut whether the body was longer than the limit
 */
record BoundedBody(byte[] bytes, boolean cut) {

    /** Reads bodies of at most {@code limit} bytes. */
    static HttpResponse.BodyHandler<BoundedBody> upTo(int limit) {
        return info -> new Reader(limit);
    }

    private static final class Reader implements HttpResponse.BodySubscriber<BoundedBody> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<BoundedBody> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Reader(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<BoundedBody> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            // the limit bounds what is kept; demand need not bound it too
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (var buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > limit) {
                    subscription.cancel();
                    body.complete(new BoundedBody(bytes.toByteArray(), true));
                    return;
                }
                var chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(new BoundedBody(bytes.toByteArray(), false));
        }
    }
}
