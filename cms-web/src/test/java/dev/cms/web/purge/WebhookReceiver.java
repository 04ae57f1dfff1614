package dev.cms.web.purge;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A CDN's purge endpoint for tests: on a free local port, keeping every request it got. */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(byte[] body, String signature, String id, int answered) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** Statuses to answer with, in order; 200 once they run out. */
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/purge", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer status = answers.poll();
            int answer = status == null ? 200 : status;
            deliveries.add(new Delivery(body, exchange.getRequestHeaders().getFirst(PurgeSignature.HEADER),
                    exchange.getRequestHeaders().getFirst(PurgeWebhook.DELIVERY_HEADER), answer));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/purge";
    }

    void answerNext(int... statuses) {
        for (int status : statuses) {
            answers.add(status);
        }
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    void clear() {
        deliveries.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
