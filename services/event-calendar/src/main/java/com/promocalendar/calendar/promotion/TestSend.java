package com.promocalendar.calendar.promotion;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClientException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promocalendar.calendar.inboxsync.InboxClient;
import com.promocalendar.calendar.problem.ApiException;

/**
 * "Send me a test": the message of one day of a promotion, rendered by the
 * engine for the calling admin exactly as the job renders it for a customer,
 * put into that admin's own inbox as a test (contracts.md
 * {@code POST /api/internal/inbox/test-messages}; its own key space per
 * version, so it never collides with the real message and is never counted).
 */
@Service
class TestSend {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the admin learns: which day was sent, and whether it is new (false: this version's test of that day was sent before). */
    record Result(LocalDate day, int dayNumber, boolean delivered) {
    }

    private final PromotionRepository promotions;
    private final ScheduleEngine engine;
    private final InboxClient inbox;

    TestSend(PromotionRepository promotions, ScheduleEngine engine, InboxClient inbox) {
        this.promotions = promotions;
        this.engine = engine;
        this.inbox = inbox;
    }

    /** {@code day} null: the first day. */
    Result send(UUID id, LocalDate day, Actor actor) {
        Promotion promotion = promotions.find(id).orElseThrow(() -> ApiException.notFound("promotion " + id));
        List<ScheduleEngine.Occurrence> occurrences;
        JsonNode message;
        int index;
        try (ScheduleEngine.CheckedPromotion checked = engine.check(promotions.toJson(promotion.document()))) {
            occurrences = checked.occurrences();
            if (occurrences.isEmpty()) {
                throw ApiException.conflict("day", "the promotion has no day on which a message is sent");
            }
            index = day == null ? 0 : occurrences.stream().filter(o -> o.day().equals(day)).findFirst()
                    .map(ScheduleEngine.Occurrence::index)
                    .orElseThrow(() -> ApiException.badRequest("day", "is not a day of this promotion (its days are "
                            + occurrences.get(0).day() + " to " + occurrences.get(occurrences.size() - 1).day() + ")"));
            message = JSON.readTree(checked.renderMessagesJson(index, Preview.recipientsJson(actor))).get(0);
        } catch (ScheduleEngine.Rejected e) {
            throw ApiException.invalid(e.errors());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the engine rendered unreadable JSON", e);
        }
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("promotionId", id.toString());
        test.put("version", promotion.version());
        test.put("day", message.path("day").asText());
        test.put("dayNumber", index + 1);
        test.put("dayCount", occurrences.size());
        test.put("subject", message.path("subject").asText());
        test.put("expiresAt", message.path("expiresAt").asText());
        test.put("products", message.path("products"));
        test.put("recipientId", actor.userId());
        test.put("body", message.path("body").asText());
        Map<?, ?> answer;
        try {
            answer = inbox.sendTestMessage(test);
        } catch (RestClientException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The inbox cannot be reached; try again shortly.",
                    List.of());
        }
        boolean inserted = answer != null && answer.get("inserted") instanceof Number n && n.intValue() == 1;
        return new Result(LocalDate.parse(message.path("day").asText()), index + 1, inserted);
    }
}
