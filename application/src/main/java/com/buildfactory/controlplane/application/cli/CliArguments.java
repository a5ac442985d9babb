package com.buildfactory.controlplane.application.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} and {@code --flag} arguments, checked against the names a command knows. */
public final class CliArguments {

    private final Map<String, String> values = new HashMap<>();

    public CliArguments(String[] args, int from, Set<String> options, Set<String> flags) {
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("Unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String inline = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                inline = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (options.contains(name)) {
                String value = inline != null ? inline : i + 1 < args.length ? args[++i] : null;
                if (value == null) {
                    throw new UsageException("--" + name + " needs a value");
                }
                values.put(name, value);
            } else {
                throw new UsageException("Unknown option --" + name);
            }
        }
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /** A command line that cannot be run as written; exit code 2. */
    public static class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
