package com.promocalendar.inbox.config;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies capped in bytes per endpoint: the message batch at the 4 MB of
 * contracts.md ({@link JsonConfig#MAX_DOCUMENT_BYTES}) and so is a test message,
 * a promotion state at {@link #PROMOTION_STATE_BYTES}, every other endpoint
 * (a preference at most) at {@link #OTHER_BYTES}. It runs right after the security
 * filter chain — a caller without the role was refused before — and refuses a
 * declared {@code Content-Length} over the cap with 413 before anything reads
 * the body. A body sent without a length is stopped by Jackson at the same 4 MB
 * (413 as well, ProblemHandler); the other endpoints never read theirs.
 */
@Configuration
class RequestBodyLimit {

    static final String BATCH_PATH = "/api/internal/inbox/messages:batch";
    /** A test message carries a day's products like a batch. */
    static final String TEST_MESSAGE_PATH = "/api/internal/inbox/test-messages";
    static final String PROMOTION_STATE_PREFIX = "/api/internal/inbox/promotions/";
    /** A promotion state: a 500-character reason is up to 2,000 bytes of UTF-8. */
    static final long PROMOTION_STATE_BYTES = 4096;
    static final long OTHER_BYTES = 1024;

    static long limitFor(String path) {
        if (BATCH_PATH.equals(path) || TEST_MESSAGE_PATH.equals(path)) {
            return JsonConfig.MAX_DOCUMENT_BYTES;
        }
        return path.startsWith(PROMOTION_STATE_PREFIX) ? PROMOTION_STATE_BYTES : OTHER_BYTES;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestBodyLimitFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long limit = limitFor(request.getRequestURI());
                if (request.getContentLengthLong() > limit) {
                    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
                            + "\"detail\":\"body is larger than " + limit + " bytes\","
                            + "\"errors\":[{\"field\":\"body\",\"message\":\"is larger than " + limit + " bytes\"}]}");
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
