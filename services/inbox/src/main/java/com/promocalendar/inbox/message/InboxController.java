package com.promocalendar.inbox.message;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.inbox.config.Roles;
import com.promocalendar.inbox.problem.BadRequestException;
import com.promocalendar.inbox.problem.NotFoundException;
import com.promocalendar.inbox.unread.UnreadCountNotifications;

/**
 * The caller's own inbox (the caller is the token's {@code sub}): threads by
 * view, a thread's days, one message, the counts of the views, and the
 * reader's actions. Every action that can change the badge tells the badge
 * streams.
 */
@RestController
@PreAuthorize(Roles.PERSON)
class InboxController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final MessageStore messages;
    private final UnreadCountNotifications unread;

    InboxController(MessageStore messages, UnreadCountNotifications unread) {
        this.messages = messages;
        this.unread = unread;
    }

    /** Threads of one view; pass the previous page's {@code nextCursor} to get the next page. */
    @GetMapping("/api/inbox/messages")
    ThreadPage list(@AuthenticationPrincipal Jwt caller,
            @RequestParam(required = false) String view,
            @RequestParam(required = false) Boolean unread,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw new BadRequestException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<InboxThread> page = messages.threads(caller.getSubject(), InboxView.of(view), Boolean.TRUE.equals(unread),
                ThreadCursor.decode(cursor), pageSize + 1);
        if (page.size() <= pageSize) {
            return new ThreadPage(page, null);
        }
        List<InboxThread> items = List.copyOf(page.subList(0, pageSize));
        return new ThreadPage(items, ThreadCursor.of(items.get(pageSize - 1)).encode());
    }

    @GetMapping("/api/inbox/counts")
    InboxCounts counts(@AuthenticationPrincipal Jwt caller) {
        return messages.counts(caller.getSubject());
    }

    @GetMapping("/api/inbox/promotions/{promotionId}/messages")
    ThreadMessages thread(@AuthenticationPrincipal Jwt caller, @PathVariable String promotionId) {
        List<InboxMessage> days = messages.thread(caller.getSubject(), promotionId);
        if (days.isEmpty()) {
            throw new NotFoundException();
        }
        return new ThreadMessages(days, messages.muted(caller.getSubject(), promotionId));
    }

    @GetMapping("/api/inbox/messages/{id}")
    InboxMessage one(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return messages.find(caller.getSubject(), messageId(id)).orElseThrow(NotFoundException::new);
    }

    /** Reads the message and the earlier days of its thread. */
    @PostMapping("/api/inbox/messages/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        found(messages.markRead(caller.getSubject(), messageId(id)));
        unread.changed(caller.getSubject());
    }

    @PostMapping("/api/inbox/messages/{id}/unread")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markUnread(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        found(messages.markUnread(caller.getSubject(), messageId(id)));
        unread.changed(caller.getSubject());
    }

    @PostMapping("/api/inbox/read-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markAllRead(@AuthenticationPrincipal Jwt caller) {
        if (messages.markAllRead(caller.getSubject()) > 0) {
            unread.changed(caller.getSubject());
        }
    }

    /** Archives the message's thread: it leaves Active/Ended and the count; the rows stay (restore brings it back). */
    @DeleteMapping("/api/inbox/messages/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void archive(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        found(messages.archiveThread(caller.getSubject(), messageId(id)));
        unread.changed(caller.getSubject());
    }

    @PostMapping("/api/inbox/messages/{id}/restore")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void restore(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        found(messages.restoreThread(caller.getSubject(), messageId(id)));
        unread.changed(caller.getSubject());
    }

    private static void found(boolean found) {
        if (!found) {
            throw new NotFoundException();
        }
    }

    /** Ids are the inbox's numbers; anything else cannot name a message, so it is not found. */
    private static long messageId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
    }
}
