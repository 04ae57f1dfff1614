package dev.cms.web.request;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;

/**
 * Looks at every request line before Micronaut parses it, and marks those {@link BadRequestFilter}
 * must refuse. Two cases cannot wait for a filter: a target Micronaut cannot parse (a stray
 * {@code %}) it handles as if {@code /} had been asked, headers dropped, so the page cache
 * answered it with the home page; and a line or headers too long for Netty reach Micronaut only as
 * a decoder failure, which it answered 413 without any filter seeing it. Such a request goes on as
 * a plain request for {@code /} with the problem in the {@value #PROBLEM_HEADER} header (any such
 * header the client sent is removed).
 */
@Singleton
public class RequestLineCheck implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    /** Internal header naming the {@link RequestTargets.Problem} of a marked request. */
    public static final String PROBLEM_HEADER = "X-Cms-Request-Problem";
    private static final String HANDLER_NAME = "cms-request-line-check";
    private static final Marker MARKER = new Marker();

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new ConnectionCustomizer(null));
        return event.getBean();
    }

    /** Adds the marker in front of Micronaut's handler on every HTTP/1.1 connection. */
    private record ConnectionCustomizer(Channel channel) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new ConnectionCustomizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && channel.pipeline().get(HANDLER_NAME) == null) {
                channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, HANDLER_NAME, MARKER);
            }
        }
    }

    @ChannelHandler.Sharable
    static final class Marker extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                request.headers().remove(PROBLEM_HEADER);
                RequestTargets.Problem problem = problemOf(request);
                if (problem != RequestTargets.Problem.NONE) {
                    // Netty discards the rest of the connection after a decoder failure; the answer closes it.
                    request.setDecoderResult(DecoderResult.SUCCESS);
                    request.setUri("/");
                    request.headers().set(PROBLEM_HEADER, problem.name());
                }
            }
            ctx.fireChannelRead(msg);
        }

        private static RequestTargets.Problem problemOf(HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                Throwable cause = request.decoderResult().cause();
                return cause instanceof TooLongHttpLineException ? RequestTargets.Problem.URI_TOO_LONG
                        : cause instanceof TooLongHttpHeaderException ? RequestTargets.Problem.HEADERS_TOO_LARGE
                        : RequestTargets.Problem.MALFORMED;
            }
            return RequestTargets.check(request.uri());
        }
    }
}
