package govgraph.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * govgraph's local Neo4j Community server: an embedded {@link DatabaseManagementService}
 * with the Bolt connector on a loopback address and authentication enabled.
 *
 * <pre>
 * java -cp 'target/classes:target/lib/*' govgraph.server.Launcher \
 *      --data DIR [--bolt-port 7687] [--bolt-address 127.0.0.1] [--http-port N]
 *      [--page-cache 256m] [--tx-timeout 10m]
 * </pre>
 *
 * The password comes from the environment variable NEO4J_PASSWORD (the user from NEO4J_USER,
 * default neo4j, created if missing); it is (re)set on every start through the system
 * database, so the environment is the source of truth. On a fresh DIR the DBMS is first
 * opened without connectors to set the password, so Bolt never serves the default
 * neo4j/neo4j credentials. Databases live in DIR, Neo4j's logs in DIR/logs, the user log
 * goes to stdout. Prints {@code govgraph-neo4j ready bolt://ADDRESS:PORT version X in N ms}
 * once Bolt accepts our credentials and the default database answers, and shuts down
 * cleanly (checkpoint) on SIGTERM / SIGINT through a shutdown hook.
 */
public final class Launcher {
    private static final PrintStream OUT = System.out;

    private Launcher() {}

    static final class Options {
        Path data;
        int boltPort = envInt("NEO4J_BOLT_PORT", 7687);
        String boltAddress = "127.0.0.1";
        Integer httpPort;
        long pageCacheBytes = 256L * 1024 * 1024;
        Duration txTimeout = Duration.ofMinutes(10);
    }

    public static void main(String[] args) {
        Options opts;
        try {
            opts = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("govgraph-neo4j: " + e.getMessage());
            System.err.println("usage: Launcher --data DIR [--bolt-port N] [--bolt-address ADDR]"
                    + " [--http-port N] [--page-cache SIZE] [--tx-timeout DURATION]");
            System.exit(2);
            return;
        }
        String user = env("NEO4J_USER", "neo4j");
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.isEmpty()) {
            fail("NEO4J_PASSWORD is not set: the server needs a password (authentication is enabled)");
        }
        if (password.length() < 8) {
            fail("NEO4J_PASSWORD is too short: Neo4j needs at least 8 characters");
        }

        Instant started = Instant.now();
        Path data = opts.data.toAbsolutePath().normalize();
        Path logs = data.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            fail("cannot create " + logs + ": " + e);
        }

        Map<Setting<?>, Object> config = new LinkedHashMap<>();
        config.put(GraphDatabaseSettings.data_directory, data);
        config.put(GraphDatabaseSettings.logs_directory, logs);
        config.put(GraphDatabaseSettings.default_listen_address, new SocketAddress(opts.boltAddress));
        config.put(BoltConnector.enabled, true);
        config.put(BoltConnector.listen_address, new SocketAddress(opts.boltAddress, opts.boltPort));
        config.put(BoltConnector.advertised_address, new SocketAddress(opts.boltAddress, opts.boltPort));
        config.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        config.put(HttpConnector.enabled, opts.httpPort != null);
        if (opts.httpPort != null) {
            config.put(HttpConnector.listen_address, new SocketAddress(opts.boltAddress, opts.httpPort));
            config.put(HttpConnector.advertised_address, new SocketAddress(opts.boltAddress, opts.httpPort));
        }
        config.put(HttpsConnector.enabled, false);
        config.put(GraphDatabaseSettings.auth_enabled, true);
        config.put(GraphDatabaseSettings.pagecache_memory, opts.pageCacheBytes);
        config.put(GraphDatabaseSettings.transaction_timeout, opts.txTimeout);
        config.put(GraphDatabaseSettings.keep_logical_logs, "100M size");
        config.put(GraphDatabaseSettings.udc_enabled, false);
        // Bolt's netty event loops wait a 5 s "quiet period" each on shutdown (10 s in all);
        // a local server with no clients left needs none of that.
        config.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1);

        AtomicReference<DatabaseManagementService> service = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DatabaseManagementService dbms = service.getAndSet(null);
            if (dbms != null) {
                OUT.println("govgraph-neo4j stopping");
                OUT.flush();
                try {
                    dbms.shutdown();
                } catch (RuntimeException e) {
                    System.err.println("govgraph-neo4j: error during shutdown: " + e);
                }
                OUT.println("govgraph-neo4j stopped");
                OUT.flush();
            }
            stopped.countDown();
        }, "govgraph-neo4j-shutdown"));

        String version;
        try {
            // On a fresh data directory the system database is created with the default user
            // neo4j/neo4j (password change required). Set our password before Bolt opens, so
            // no client ever meets the default credentials: a first start without connectors.
            boolean fresh = !Files.isDirectory(data.resolve("databases").resolve("system"));
            if (fresh) {
                OUT.println("govgraph-neo4j first start in " + data
                        + ": setting the password before Bolt opens");
                OUT.flush();
                Map<Setting<?>, Object> offline = new LinkedHashMap<>(config);
                offline.put(BoltConnector.enabled, false);
                offline.put(HttpConnector.enabled, false);
                DatabaseManagementService init = open(data, offline);
                service.set(init);
                GraphDatabaseService system = init.database("system");
                OUT.println("govgraph-neo4j password for user " + user + ": "
                        + setPassword(system, user, password));
                if (!"neo4j".equals(user)) {
                    // Nobody may claim the default user with its default password.
                    String random = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();
                    system.executeTransactionally(
                            "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", random));
                }
                if (!service.compareAndSet(init, null)) {
                    stopped.await(); // SIGTERM arrived: the shutdown hook shuts it down
                    return;
                }
                init.shutdown();
            }
            DatabaseManagementService dbms = open(data, config);
            service.set(dbms);
            GraphDatabaseService system = dbms.database("system");
            if (!fresh) {
                OUT.println("govgraph-neo4j password for user " + user + ": "
                        + setPassword(system, user, password));
            }
            version = system.executeTransactionally(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                    Map.of(), r -> String.valueOf(r.next().get("v")));
            // Wait for the default database as well, so "ready" means queries work.
            dbms.database("neo4j").executeTransactionally("RETURN 1");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            System.err.println("govgraph-neo4j: failed to start: " + e);
            Throwable cause = e.getCause();
            while (cause != null) {
                System.err.println("  caused by: " + cause);
                cause = cause.getCause();
            }
            System.err.println("  (see " + logs.resolve("debug.log") + ")");
            System.exit(1);
            return;
        }
        OUT.println("govgraph-neo4j ready bolt://" + opts.boltAddress + ":" + opts.boltPort
                + " version " + version + " in "
                + Duration.between(started, Instant.now()).toMillis() + " ms");
        OUT.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DatabaseManagementService open(Path data, Map<Setting<?>, Object> config) {
        return new DatabaseManagementServiceBuilder(data)
                .setConfig(config)
                .setUserLogProvider(new Log4jLogProvider(System.out))
                .build();
    }

    /**
     * Makes the stored password equal to {@code password}: creates the user when missing
     * (community allows several users, all with full rights) and alters its password when
     * it differs. Neo4j refuses an ALTER to the same password, which is how "unchanged" is
     * detected without reading the stored hash.
     */
    static String setPassword(GraphDatabaseService system, String user, String password) {
        String quoted = "`" + user.replace("`", "``") + "`";
        Map<String, Object> params = Map.of("pw", password);
        boolean exists = system.executeTransactionally(
                "SHOW USERS YIELD user WHERE user = $user RETURN count(*) AS n",
                Map.of("user", user), r -> ((Number) r.next().get("n")).longValue() > 0);
        if (!exists) {
            system.executeTransactionally(
                    "CREATE USER " + quoted + " SET PASSWORD $pw CHANGE NOT REQUIRED", params);
            return "created";
        }
        try {
            system.executeTransactionally(
                    "ALTER USER " + quoted + " SET PASSWORD $pw CHANGE NOT REQUIRED", params);
            return "set";
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage()).toLowerCase();
            if (msg.contains("cannot be the same")) {
                return "unchanged";
            }
            throw e;
        }
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            } else if (a.startsWith("--") && i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            switch (a) {
                case "--data" -> o.data = Paths.get(value);
                case "--bolt-port" -> o.boltPort = port(value);
                case "--bolt-address" -> o.boltAddress = value;
                case "--http-port" -> o.httpPort = port(value);
                case "--page-cache" -> o.pageCacheBytes = bytes(value);
                case "--tx-timeout" -> o.txTimeout = duration(value);
                default -> throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        if (o.data == null) {
            throw new IllegalArgumentException("--data DIR is required");
        }
        return o;
    }

    private static int port(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number: " + s);
        }
    }

    /** "256m", "1g", "512k" or a number of bytes. */
    static long bytes(String s) {
        String v = s.trim().toLowerCase();
        long unit = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        switch (last) {
            case 'k' -> unit = 1024L;
            case 'm' -> unit = 1024L * 1024;
            case 'g' -> unit = 1024L * 1024 * 1024;
            default -> { }
        }
        if (unit > 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Long.parseLong(v) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size (like 256m): " + s);
        }
    }

    /** "10m", "30s", "1h", "500ms" or a number of seconds; 0 means no timeout. */
    static Duration duration(String s) {
        String v = s.trim().toLowerCase();
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration (like 10m): " + s);
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    private static int envInt(String name, int dflt) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? dflt : port(v);
    }

    private static void fail(String message) {
        System.err.println("govgraph-neo4j: " + message);
        System.exit(2);
    }
}
