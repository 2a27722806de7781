package com.promocalendar.scheduler.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Version 1: a presence flag and the cursor as UTF. */
public final class ChangeFeedSplitSerializer implements SimpleVersionedSerializer<ChangeFeedSplit> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(ChangeFeedSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(split.cursor() != null);
            if (split.cursor() != null) {
                out.writeUTF(split.cursor());
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public ChangeFeedSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown change feed split version " + version);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return new ChangeFeedSplit(in.readBoolean() ? in.readUTF() : null);
        }
    }
}
