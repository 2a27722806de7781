package com.promocalendar.inbox.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct product lists of a batch and which one each message carries. A
 * day's batch carries one list 1000 times (or once, as the batch's
 * {@code products}); comparing with the previous message's list first avoids
 * hashing every copy (hashing was the largest single cost of the ingest in a
 * profile), and the batch's own list compares by identity.
 */
final class ProductLists {

    private final List<List<Product>> distinct = new ArrayList<>();
    private final List<String> fieldOf = new ArrayList<>();
    private final Map<List<Product>, Integer> indexOf = new HashMap<>();
    private final int[] listOfMessage;
    private List<Product> previous;
    private int previousIndex = -1;

    ProductLists(int messages) {
        this.listOfMessage = new int[messages];
    }

    /**
     * Records that {@code message} carries {@code products}; {@code field} is where
     * problems of that list are reported if it is the first of its kind
     * ({@code messages[3].products} or the batch's {@code products}).
     */
    void add(int message, List<Product> products, String field) {
        if (previous == null || !previous.equals(products)) {
            Integer index = indexOf.get(products);
            if (index == null) {
                index = distinct.size();
                distinct.add(products);
                fieldOf.add(field);
                indexOf.put(products, index);
            }
            previous = products;
            previousIndex = index;
        }
        listOfMessage[message] = previousIndex;
    }

    List<List<Product>> distinct() {
        return distinct;
    }

    /** The JSON path of the distinct list {@code list}: where its errors are reported. */
    String field(int list) {
        return fieldOf.get(list);
    }

    int listOf(int message) {
        return listOfMessage[message];
    }
}
