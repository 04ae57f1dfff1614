package dev.cms.web.cache;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * Test stand-in for anything that gives one visitor a cookie on a public page (a login, a
 * consent banner): requests carrying {@code X-Give-Cookie} get a {@code visitor} cookie.
 */
@Filter("/**")
@Requires(property = "cms.test.visitor-cookie", value = "true")
public class VisitorCookieFilter implements HttpServerFilter {

    @Override
    public int getOrder() {
        return ServerFilterPhase.RENDERING.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String value = request.getHeaders().get("X-Give-Cookie");
        if (value == null) {
            return chain.proceed(request);
        }
        return Publishers.map(chain.proceed(request), response -> response.cookie(Cookie.of("visitor", value)));
    }
}
