package com.promocalendar.scheduler.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cursor survives a checkpoint, in the reader's split and in the enumerator's state. */
class ChangeFeedSplitSerializerTest {

    @Test
    void splitRoundTripsWithAndWithoutCursor() throws Exception {
        ChangeFeedSplitSerializer serializer = new ChangeFeedSplitSerializer();
        for (ChangeFeedSplit split : List.of(new ChangeFeedSplit(null), new ChangeFeedSplit("1234"))) {
            assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(split))).isEqualTo(split);
        }
    }

    @Test
    void enumeratorStateRoundTrips() throws Exception {
        ChangeFeedEnumeratorStateSerializer serializer = new ChangeFeedEnumeratorStateSerializer();
        List<ChangeFeedSplit> state = List.of(new ChangeFeedSplit("42"));
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state))).isEqualTo(state);
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(List.of()))).isEmpty();
    }
}
