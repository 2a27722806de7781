package com.promocalendar.calendar.promotion;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Promotions in PostgreSQL: the document as jsonb, plus the columns the queries need. */
@Repository
class PromotionRepository {

    private static final String COLUMNS = "document::text as document, starts_at, ends_at, created_at, updated_at";

    private final JdbcClient db;
    private final ObjectMapper json;

    PromotionRepository(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    void insert(Promotion promotion, String actor) {
        db.sql("""
                insert into promotion (id, version, status, document, starts_at, ends_at,
                                       created_at, created_by, updated_at, updated_by)
                values (:id, :version, :status, cast(:document as jsonb), :startsAt, :endsAt,
                        :createdAt, :actor, :updatedAt, :actor)""")
                .params(columns(promotion, actor))
                .update();
        writeSkus(promotion);
    }

    void update(Promotion promotion, String actor) {
        db.sql("""
                update promotion set version = :version, status = :status, document = cast(:document as jsonb),
                       starts_at = :startsAt, ends_at = :endsAt, updated_at = :updatedAt, updated_by = :actor
                where id = :id""")
                .params(columns(promotion, actor))
                .update();
        db.sql("delete from promotion_product where promotion_id = ?").param(promotion.document().id()).update();
        writeSkus(promotion);
    }

    /** The promotion's skus into promotion_product, the index of the overlap warnings. */
    private void writeSkus(Promotion promotion) {
        PromotionDocument.PackageDocument content = promotion.document().promotionPackage();
        if (content == null || content.products() == null || content.products().isEmpty()) {
            return;
        }
        String[] skus = content.products().stream().map(PromotionDocument.PackageProduct::sku).distinct().toArray(String[]::new);
        db.sql("insert into promotion_product (promotion_id, sku) select :id, unnest(:skus)")
                .param("id", promotion.document().id())
                .param("skus", skus)
                .update();
    }

    void delete(UUID id) {
        db.sql("delete from promotion where id = ?").param(id).update();
    }

    Optional<Promotion> find(UUID id) {
        return db.sql("select " + COLUMNS + " from promotion where id = ?").param(id).query(this::promotion).optional();
    }

    /** The promotion, row-locked until the transaction ends, so a version check and the write cannot interleave. */
    Optional<Promotion> lock(UUID id) {
        return db.sql("select " + COLUMNS + " from promotion where id = ? for update").param(id)
                .query(this::promotion).optional();
    }

    /** Promotions whose interval [start, end) meets [from, to) (the interval index). */
    List<Promotion> between(Instant from, Instant to) {
        return db.sql("select " + COLUMNS + " from promotion where ends_at > :from and starts_at < :to order by starts_at, id")
                .param("from", utc(from))
                .param("to", utc(to))
                .query(this::promotion)
                .list();
    }

    /**
     * Promotions whose title contains {@code query} (any case; trigram index) or that
     * sell the sku {@code query} exactly (promotion_product_by_sku), in the given
     * state, newest start first from after {@code after}: the keyset order of
     * promotion_newest_first, so a page costs the same however deep it is.
     */
    List<Promotion> search(String query, PromotionSearch.State state, PromotionSearch.Cursor after, Instant now,
            int limit) {
        String stateCondition = state == null ? "" : switch (state) {
            case DRAFT, PUBLISHED, UNPUBLISHED -> " and p.status = :status";
            case SCHEDULED -> " and p.status = 'PUBLISHED' and p.starts_at > :now";
            case LIVE -> " and p.status = 'PUBLISHED' and p.starts_at <= :now and p.ends_at > :now";
            case ENDED -> " and p.status = 'PUBLISHED' and p.ends_at <= :now";
        };
        String cursorCondition = after == null ? "" : " and (p.starts_at, p.id) < (:afterStartsAt, :afterId)";
        var statement = db.sql("select " + COLUMNS + " from promotion p where p.id in ("
                + " select id from promotion where lower(document->>'title') like '%' || lower(:pattern) || '%' escape '\\'"
                + " union select promotion_id from promotion_product where sku = :sku)"
                + stateCondition + cursorCondition
                + " order by p.starts_at desc, p.id desc limit :limit")
                .param("pattern", query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
                .param("sku", query)
                .param("limit", limit);
        if (stateCondition.contains(":status")) {
            statement = statement.param("status", state.name());
        }
        if (stateCondition.contains(":now")) {
            statement = statement.param("now", utc(now));
        }
        if (after != null) {
            statement = statement.param("afterStartsAt", utc(after.startsAt())).param("afterId", after.id());
        }
        return statement.query(this::promotion).list();
    }

    /**
     * For each given promotion (unless unpublished): the other promotions, not
     * unpublished, whose interval overlaps its own and that share at least one sku.
     */
    Map<UUID, List<OverlapWarning>> overlapsOf(Collection<UUID> ids) {
        Map<UUID, List<OverlapWarning>> warnings = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return warnings;
        }
        db.sql("""
                select mine.promotion_id, o.id as other_id, o.document->>'title' as other_title, o.status as other_status,
                       array_agg(mine.sku order by mine.sku) as shared_skus
                from promotion_product mine
                join promotion p on p.id = mine.promotion_id and p.status <> 'UNPUBLISHED'
                join promotion_product theirs on theirs.sku = mine.sku and theirs.promotion_id <> mine.promotion_id
                join promotion o on o.id = theirs.promotion_id and o.status <> 'UNPUBLISHED'
                                and o.starts_at < p.ends_at and p.starts_at < o.ends_at
                where mine.promotion_id in (:ids)
                group by mine.promotion_id, o.id
                order by mine.promotion_id, o.id""")
                .param("ids", ids)
                .query(row -> {
                    List<String> skus = Arrays.asList((String[]) row.getArray("shared_skus").getArray());
                    warnings.computeIfAbsent(row.getObject("promotion_id", UUID.class), id -> new ArrayList<>())
                            .add(OverlapWarning.of(row.getObject("other_id", UUID.class), row.getString("other_title"),
                                    PromotionStatus.valueOf(row.getString("other_status")), skus));
                });
        return warnings;
    }

    private Map<String, Object> columns(Promotion promotion, String actor) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("id", promotion.document().id());
        columns.put("version", promotion.version());
        columns.put("status", promotion.status().name());
        columns.put("document", toJson(promotion.document()));
        columns.put("startsAt", utc(promotion.startsAtInstant()));
        columns.put("endsAt", utc(promotion.endsAtInstant()));
        columns.put("createdAt", utc(promotion.createdAt()));
        columns.put("updatedAt", utc(promotion.updatedAt()));
        columns.put("actor", actor);
        return columns;
    }

    private Promotion promotion(ResultSet row, int rowNumber) throws SQLException {
        try {
            return new Promotion(json.readValue(row.getString("document"), PromotionDocument.class),
                    instant(row, "starts_at"), instant(row, "ends_at"),
                    instant(row, "created_at"), instant(row, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored promotion document cannot be read", e);
        }
    }

    String toJson(PromotionDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("promotion document cannot be written", e);
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
