package govgraph.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Starts an embedded Neo4j Community DBMS with the Bolt connector on a local address.
 *
 * Usage: Launcher --data DIR [--bolt-address 127.0.0.1] [--bolt-port 7687]
 * The password of the user (NEO4J_USER, default neo4j) is taken from NEO4J_PASSWORD and set
 * on every start, so the environment is the single source of truth. Stops on SIGTERM.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path data = null;
        String address = "127.0.0.1";
        int port = 7687;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--bolt-address" -> address = args[++i];
                case "--bolt-port" -> port = Integer.parseInt(args[++i]);
                default -> fail("unknown argument " + args[i]);
            }
        }
        if (data == null) fail("--data DIR is required");
        String user = System.getenv().getOrDefault("NEO4J_USER", "neo4j");
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            fail("NEO4J_PASSWORD must be set (8 characters or more)");
        }
        if (!"neo4j".equals(user)) fail("the Community server has one user: set NEO4J_USER=neo4j");
        Files.createDirectories(data);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(address, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(address, port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("govgraph-neo4j stopping");
            dbms.shutdown();
        }, "govgraph-neo4j-shutdown"));

        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        system.executeTransactionally(
                "ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED",
                Map.of("pw", password));
        GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        String version = neo4j.executeTransactionally(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v", Map.of(),
                r -> r.hasNext() ? String.valueOf(r.next().get("v")) : "?");
        System.out.println("govgraph-neo4j ready bolt://" + address + ":" + port + " version " + version);
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void fail(String message) {
        System.err.println("govgraph-neo4j: " + message);
        System.exit(2);
    }
}
