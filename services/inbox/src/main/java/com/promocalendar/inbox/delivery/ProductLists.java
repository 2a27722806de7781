package com.promocalendar.inbox.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct product lists of a batch and which one each message carries. A
 * day's batch carries one list 1000 times; comparing with the previous
 * message's list first avoids hashing every copy (hashing was the largest
 * single cost of the ingest in a profile).
 */
final class ProductLists {

    private final List<List<Product>> distinct = new ArrayList<>();
    private final List<Integer> firstMessage = new ArrayList<>();
    private final Map<List<Product>, Integer> indexOf = new HashMap<>();
    private final int[] listOfMessage;
    private List<Product> previous;
    private int previousIndex = -1;

    ProductLists(int messages) {
        this.listOfMessage = new int[messages];
    }

    void add(int message, List<Product> products) {
        if (previous == null || !previous.equals(products)) {
            Integer index = indexOf.get(products);
            if (index == null) {
                index = distinct.size();
                distinct.add(products);
                firstMessage.add(message);
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

    /** The first message carrying the distinct list {@code list}: where its errors are reported. */
    int firstMessage(int list) {
        return firstMessage.get(list);
    }

    int listOf(int message) {
        return listOfMessage[message];
    }
}
