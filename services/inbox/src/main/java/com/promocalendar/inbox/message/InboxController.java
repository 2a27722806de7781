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

/** The caller's own inbox; the caller is the token's {@code sub}. */
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

    /** Newest first; pass the previous page's {@code nextCursor} to get the next page. */
    @GetMapping("/api/inbox/messages")
    MessagePage list(@AuthenticationPrincipal Jwt caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw new BadRequestException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<InboxMessage> page = messages.page(caller.getSubject(), cursorId(cursor), pageSize + 1);
        if (page.size() <= pageSize) {
            return new MessagePage(page, null);
        }
        List<InboxMessage> items = page.subList(0, pageSize);
        return new MessagePage(List.copyOf(items), items.get(pageSize - 1).id());
    }

    @GetMapping("/api/inbox/messages/{id}")
    InboxMessage one(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return messages.find(caller.getSubject(), messageId(id)).orElseThrow(NotFoundException::new);
    }

    @PostMapping("/api/inbox/messages/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        if (!messages.markRead(caller.getSubject(), messageId(id))) {
            throw new NotFoundException();
        }
        unread.changed(caller.getSubject());
    }

    @PostMapping("/api/inbox/read-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markAllRead(@AuthenticationPrincipal Jwt caller) {
        if (messages.markAllRead(caller.getSubject()) > 0) {
            unread.changed(caller.getSubject());
        }
    }

    /** Archives the message: it leaves the inbox and the count; the row stays. */
    @DeleteMapping("/api/inbox/messages/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void archive(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        if (!messages.archive(caller.getSubject(), messageId(id))) {
            throw new NotFoundException();
        }
        unread.changed(caller.getSubject());
    }

    /** Ids are the inbox's numbers; anything else cannot name a message, so it is not found. */
    private static long messageId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
    }

    private static Long cursorId(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new BadRequestException("cursor", "is not a cursor this service handed out");
        }
    }
}
