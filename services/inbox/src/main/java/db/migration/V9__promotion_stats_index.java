package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Issue 15, results: {@code message_promotion_day (promotion_id, day) INCLUDE (read_at, archived_at) WHERE NOT test},
 * so an admin's per-day counts of one promotion are an index-only scan of that
 * promotion's rows instead of a scan of every partition.
 *
 * <p>Online on a partitioned table of millions of rows: the parent's index is
 * made {@code ON ONLY} (no partition touched, invalid until every partition has
 * its own), each partition's index is built {@code CONCURRENTLY} (writes go on)
 * and attached; the last attach makes the parent's valid. Partitions made later
 * get it from the parent. Outside a transaction, as CONCURRENTLY needs; a failed
 * attempt leaves invalid indexes that the next start drops and builds again.
 */
public class V9__promotion_stats_index extends BaseJavaMigration {

    private static final String PARENT = "message_promotion_day";
    private static final String DEFINITION = "(promotion_id, day) INCLUDE (read_at, archived_at) WHERE NOT test";

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement sql = connection.createStatement()) {
            sql.execute("SET lock_timeout = '3s'");
            sql.execute("DROP INDEX IF EXISTS " + PARENT);
            sql.execute("CREATE INDEX " + PARENT + " ON ONLY message " + DEFINITION);
            for (String partition : partitions(sql)) {
                String index = partition + "_promotion_day";
                sql.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                sql.execute("CREATE INDEX CONCURRENTLY " + index + " ON " + partition + " " + DEFINITION);
                sql.execute("ALTER INDEX " + PARENT + " ATTACH PARTITION " + index);
            }
        }
    }

    private static List<String> partitions(Statement sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                 WHERE i.inhparent = 'message'::regclass ORDER BY 1
                """)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
