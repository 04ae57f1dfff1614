package dev.cms.core.schema;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a node (the public or the author node's server). A node that refuses to start because of
 * its database schema says why in a few lines an operator can act on, not in a stack trace.
 */
public final class NodeStartup extends Micronaut {

    private static final Logger LOG = LoggerFactory.getLogger(NodeStartup.class);

    private NodeStartup() {
    }

    public static ApplicationContext start(Class<?> mainClass, String... args) {
        return new NodeStartup().args(args).mainClass(mainClass).banner(false).start();
    }

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaNotCurrentException refusal && !environment.getActiveNames().contains(Environment.TEST)) {
                LOG.error(refusal.getMessage());
                System.exit(1);
            }
        }
        super.handleStartupException(environment, exception);
    }
}
