package com.promocalendar.inbox.preference;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.inbox.config.Roles;
import com.promocalendar.inbox.problem.FieldError;
import com.promocalendar.inbox.problem.InvalidRequestException;
import com.promocalendar.inbox.problem.NotFoundException;

/**
 * The reader's choices: all promotion messages on or off, and "stop messages
 * about this promotion". Promotion messages are commercial messages sent daily,
 * so the way out is one click and takes effect with the next batch.
 */
@RestController
@PreAuthorize(Roles.PERSON)
class PreferenceController {

    private final PreferenceStore preferences;

    PreferenceController(PreferenceStore preferences) {
        this.preferences = preferences;
    }

    @GetMapping("/api/inbox/preferences")
    Preferences get(@AuthenticationPrincipal Jwt caller) {
        return new Preferences(preferences.promotionMessages(caller.getSubject()));
    }

    @PutMapping("/api/inbox/preferences")
    Preferences put(@AuthenticationPrincipal Jwt caller, @RequestBody Preferences wanted) {
        if (wanted.promotionMessages() == null) {
            throw new InvalidRequestException(List.of(new FieldError("promotionMessages", "must be true or false")));
        }
        preferences.setPromotionMessages(caller.getSubject(), wanted.promotionMessages());
        return new Preferences(wanted.promotionMessages());
    }

    /** Mutes a promotion the caller has messages of (another one is not found: ids are not guessed into being). */
    @PutMapping("/api/inbox/promotions/{promotionId}/mute")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void mute(@AuthenticationPrincipal Jwt caller, @PathVariable String promotionId) {
        if (!preferences.hasMessagesOf(caller.getSubject(), promotionId)) {
            throw new NotFoundException();
        }
        preferences.mute(caller.getSubject(), promotionId);
    }

    @DeleteMapping("/api/inbox/promotions/{promotionId}/mute")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unmute(@AuthenticationPrincipal Jwt caller, @PathVariable String promotionId) {
        preferences.unmute(caller.getSubject(), promotionId);
    }
}
