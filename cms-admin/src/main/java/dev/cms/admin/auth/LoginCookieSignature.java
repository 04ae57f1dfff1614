package dev.cms.admin.auth;

import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** Signs and verifies the login cookie (a JWT, HS256) with the {@link CookieSecret}. */
@Factory
public class LoginCookieSignature {

    /**
     * Declared as the interface on purpose: SecretSignature's own class is an {@code @EachBean} of
     * configured secrets, and a factory method returning that class inherits the condition (and
     * silently produces no bean, leaving login cookies unsigned).
     */
    @Singleton
    @Named("generator")
    public SignatureGeneratorConfiguration generator(CookieSecret secret) {
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
        configuration.setSecret(secret.value());
        return new SecretSignature(configuration);
    }
}
