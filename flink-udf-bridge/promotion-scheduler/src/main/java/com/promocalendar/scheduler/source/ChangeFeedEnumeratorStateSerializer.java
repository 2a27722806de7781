package com.promocalendar.scheduler.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Version 1: the count of unassigned splits, then each in the split serializer's form. */
final class ChangeFeedEnumeratorStateSerializer implements SimpleVersionedSerializer<List<ChangeFeedSplit>> {

    private final ChangeFeedSplitSerializer splits = new ChangeFeedSplitSerializer();

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(List<ChangeFeedSplit> state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(state.size());
            for (ChangeFeedSplit split : state) {
                byte[] serialized = splits.serialize(split);
                out.writeInt(serialized.length);
                out.write(serialized);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public List<ChangeFeedSplit> deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown change feed enumerator state version " + version);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int count = in.readInt();
            List<ChangeFeedSplit> state = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] split = new byte[in.readInt()];
                in.readFully(split);
                state.add(splits.deserialize(splits.getVersion(), split));
            }
            return state;
        }
    }
}
