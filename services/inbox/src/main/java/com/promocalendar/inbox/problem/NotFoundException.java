package com.promocalendar.inbox.problem;

/** The message does not exist or belongs to someone else: both answer the same 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException() {
        super("No such message.");
    }
}
