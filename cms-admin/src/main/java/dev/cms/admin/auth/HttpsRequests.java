package dev.cms.admin.auth;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/** Whether a request reached this node over HTTPS. */
@Singleton
public class HttpsRequests {

    public boolean isHttps(HttpRequest<?> request) {
        return request.isSecure();
    }
}
