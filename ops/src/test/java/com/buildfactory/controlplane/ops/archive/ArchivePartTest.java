package com.buildfactory.controlplane.ops.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivePartTest {

    @TempDir
    Path temp;

    private static final ArchiveKey KEY = ArchiveKey.fromBase64(randomKey());

    @Test
    void rowsRoundTripByteForByteThroughGzipAndEncryption() {
        List<EventRow> rows = rows(3_000);
        ArchivePart part = write(rows, KEY);

        assertThat(part.records()).isEqualTo(3_000);
        assertThat(part.size()).isPositive();
        assertThat(readAll(part, KEY)).isEqualTo(rows);
        EventRow binary = readAll(part, KEY).get(7);
        assertThat(binary.payload()).isNull();
        assertThat(binary.payloadBytes()).isEqualTo(new byte[] {(byte) 0xff, 0, (byte) 0xfe});
        assertThat(readAll(part, KEY).get(0).payloadBytes())
                .isEqualTo("{\"title\":\"grüße ✓ 1\",\"n\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnencryptedPartIsPlainGzippedNdjson() throws Exception {
        ArchivePart part = write(rows(3), null);
        Path file = temp.resolve(ArchiveLayout.EVENTS);
        String text = new String(new java.util.zip.GZIPInputStream(Files.newInputStream(file)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(3);
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("{\"globalIndex\":1,\"eventIdentifier\":");
        assertThat(part.sha256()).isEqualTo(Sha256.of(file));
    }

    @Test
    void aWrongKeyFailsAtTheFirstSegmentWithAClearMessage() {
        ArchivePart part = write(rows(10), KEY);
        ArchiveKey other = ArchiveKey.fromBase64(randomKey());
        assertThatThrownBy(() -> readAll(part, other))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("cannot be decrypted: wrong encryption key");
    }

    @Test
    void aTruncatedOrAlteredEncryptedPartNeverYieldsItsTail() throws Exception {
        java.util.Random random = new java.util.Random(1);
        List<EventRow> rows = new ArrayList<>();
        for (int i = 1; i <= 6_000; i++) {
            byte[] noise = new byte[300];
            random.nextBytes(noise);
            rows.add(EventRow.of(i, "e" + i, "a", i, "WorkItem", "2026-01-01T00:00:00Z", "T", null,
                    ("{\"noise\":\"" + java.util.HexFormat.of().formatHex(noise) + "\"}").getBytes(), null));
        }
        ArchivePart part = write(rows, KEY);
        Path file = temp.resolve(ArchiveLayout.EVENTS);
        byte[] stored = Files.readAllBytes(file);
        assertThat(stored.length).isGreaterThan(2 * SegmentedGcm.SEGMENT_SIZE);

        Files.write(file, Arrays.copyOf(stored, stored.length - 100));
        assertThatThrownBy(() -> readAll(part, KEY)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("truncated");

        byte[] altered = stored.clone();
        altered[altered.length - 50] ^= 1;
        Files.write(file, altered);
        assertThatThrownBy(() -> readAll(part, KEY)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("fails authentication");
    }

    @Test
    void aTruncatedPlainPartFailsInsteadOfEndingEarly() throws Exception {
        ArchivePart part = write(rows(5_000), null);
        Path file = temp.resolve(ArchiveLayout.EVENTS);
        byte[] stored = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(stored, stored.length / 2));
        assertThatThrownBy(() -> readAll(part, null)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("damaged (truncated or corrupted)");
    }

    @Test
    void rowsFromTheColumnsAreTheSameBytesAsVersionOneWroteThem() throws Exception {
        List<Object[]> columns = new ArrayList<>();
        String[] texts = {"{\"title\":\"grüße ✓ 日本 \\\"quoted\\\" 😀\"}", "tab\there\nnew line \u0001 \u001f \u007f",
            "back\\slash / \u2028 \u2029 </script>", ""};
        for (int i = 1; i <= 40; i++) {
            byte[] payload = i % 7 == 0 ? new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}
                    : texts[i % texts.length].getBytes(StandardCharsets.UTF_8);
            byte[] metaData = i % 5 == 0 ? null : ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            columns.add(new Object[] {(long) i, "e\"" + i, "a", (long) i, i % 3 == 0 ? null : "WorkItem",
                "2026-01-01T00:00:00Z", "T\u00e9", i % 2 == 0 ? "2" : null, payload, metaData});
        }
        List<EventRow> records = new ArrayList<>();
        Path current = temp.resolve("current");
        try (PartWriter writer = new PartWriter(ArchiveLayout.EVENTS, current, null)) {
            for (Object[] c : columns) {
                writer.write(EventRow.stored((long) c[0], (String) c[1], (String) c[2], (long) c[3], (String) c[4],
                        (String) c[5], (String) c[6], (String) c[7], (byte[]) c[8], (byte[]) c[9]));
                records.add(EventRow.of((long) c[0], (String) c[1], (String) c[2], (long) c[3], (String) c[4],
                        (String) c[5], (String) c[6], (String) c[7], (byte[]) c[8], (byte[]) c[9]));
            }
        }
        Path old = temp.resolve("old");
        VersionOneWriter.writePart(ArchiveLayout.EVENTS, old, null, records);

        assertThat(gunzip(current)).isEqualTo(gunzip(old));
        assertThat(gunzip(current)).contains("\"payload\":null,\"payloadBase64\":\"7aCA\"");
    }

    @Test
    void aPartLargerThanAChunkIsSeveralGzipMembersReadBackInOrderEncryptedOrNot() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<EventRow> rows = noisyRows(12_000);
            for (ArchiveKey key : Arrays.asList(null, KEY)) {
                ArchivePart part;
                try (PartWriter writer = new PartWriter(ArchiveLayout.EVENTS, temp.resolve(ArchiveLayout.EVENTS), key,
                        pool, 3)) {
                    rows.forEach(writer::write);
                    writer.close();
                    part = writer.part();
                }
                assertThat(part.records()).isEqualTo(rows.size());
                assertThat(part.sha256()).isEqualTo(Sha256.of(temp.resolve(ArchiveLayout.EVENTS)));
                assertThat(readAll(part, key)).isEqualTo(rows);
                if (key == null) {
                    byte[] stored = Files.readAllBytes(temp.resolve(ArchiveLayout.EVENTS));
                    assertThat(members(stored)).isGreaterThan(3);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEmptyPartIsOneEmptyGzipMember() throws Exception {
        ArchivePart part = write(List.of(), null);
        assertThat(part.records()).isZero();
        assertThat(gunzip(temp.resolve(ArchiveLayout.EVENTS))).isEmpty();
        assertThat(readAll(part, null)).isEmpty();
    }

    @Test
    void bytesAfterTheLastMemberAreDamageNotIgnored() throws Exception {
        ArchivePart part = write(rows(2_000), null);
        Path file = temp.resolve(ArchiveLayout.EVENTS);
        Files.write(file, "tail".getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> readAll(part, null)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("damaged (truncated or corrupted)");
    }

    @Test
    void utf8ValidationAcceptsExactlyWhatTheJdkDecoderAccepts() {
        java.util.Random random = new java.util.Random(3);
        List<byte[]> samples = new ArrayList<>(List.of(new byte[] {(byte) 0xc0, (byte) 0x80},
                new byte[] {(byte) 0xe0, (byte) 0x9f, (byte) 0xbf}, new byte[] {(byte) 0xed, (byte) 0x9f, (byte) 0xbf},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xf0, (byte) 0x8f, (byte) 0xbf,
                    (byte) 0xbf}, new byte[] {(byte) 0xf4, (byte) 0x8f, (byte) 0xbf, (byte) 0xbf},
                new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xe2, (byte) 0x9c},
                "grüße ✓ 日本 😀".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int b = 0; b < bytes.length; b++) {
                bytes[b] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(0x100));
            }
            samples.add(bytes);
        }
        for (byte[] sample : samples) {
            assertThat(Utf8.valid(sample)).as(java.util.HexFormat.of().formatHex(sample))
                    .isEqualTo(BlobText.encode(sample)[0] != null);
        }
    }

    @Test
    void keysMustBeThirtyTwoBytesOfBase64AndComeFromTheEnvironment() {
        assertThatThrownBy(() -> ArchiveKey.fromBase64("c2hvcnQ=")).hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> ArchiveKey.fromBase64("not base64!")).hasMessageContaining("not valid Base64");
        assertThat(ArchiveKey.fromEnvironment(Map.of())).isEmpty();
        String key = randomKey();
        assertThat(ArchiveKey.fromEnvironment(Map.of(ArchiveKey.ENVIRONMENT_VARIABLE, key)).orElseThrow().keyId())
                .isEqualTo(ArchiveKey.fromBase64(key).keyId());
        assertThat(ArchiveKey.fromBase64(key).toString()).doesNotContain(key);
    }

    @Test
    void archiveNamesSayKindTimeAndPositions() {
        ArchiveName name = new ArchiveName(ArchiveKind.INCREMENTAL, Instant.parse("2026-11-28T02:30:07.123Z"), 101,
                250);
        assertThat(name.value()).isEqualTo("incremental-20261128T023007Z-101-250");
        assertThat(ArchiveName.parse(name.value())).contains(name);
        assertThat(ArchiveName.parse("full-2026-1-2")).isEmpty();
    }

    private ArchivePart write(List<EventRow> rows, ArchiveKey key) {
        try (PartWriter writer = new PartWriter(ArchiveLayout.EVENTS, temp.resolve(ArchiveLayout.EVENTS), key)) {
            rows.forEach(writer::write);
            writer.close();
            return writer.part();
        }
    }

    private static String gunzip(Path file) throws java.io.IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Gzip members in a plain part: each one's header, found by inflating member after member. */
    private static int members(byte[] stored) throws Exception {
        int count = 0;
        int offset = 0;
        while (offset < stored.length) {
            assertThat(stored[offset] & 0xff).isEqualTo(0x1f);
            java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            inflater.setInput(stored, offset + 10, stored.length - offset - 10);
            byte[] sink = new byte[1 << 16];
            while (!inflater.finished()) {
                inflater.inflate(sink);
            }
            offset = stored.length - inflater.getRemaining() + 8;
            inflater.end();
            count++;
        }
        return count;
    }

    private static List<EventRow> noisyRows(int count) {
        java.util.Random random = new java.util.Random(2);
        List<EventRow> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            byte[] noise = new byte[100];
            random.nextBytes(noise);
            rows.add(EventRow.of(i, "e" + i, "a", i, "WorkItem", "2026-01-01T00:00:00Z", "T", null,
                    ("{\"noise\":\"" + java.util.HexFormat.of().formatHex(noise) + "\"}").getBytes(), null));
        }
        return rows;
    }

    private List<EventRow> readAll(ArchivePart part, ArchiveKey key) {
        List<EventRow> rows = new ArrayList<>();
        try (RowReader<EventRow> reader = new RowReader<>(temp.resolve(ArchiveLayout.EVENTS), "events", part, key,
                EventRow.class)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static List<EventRow> rows(int count) {
        List<EventRow> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            byte[] payload = i == 8 ? new byte[] {(byte) 0xff, 0, (byte) 0xfe}
                    : ("{\"title\":\"grüße ✓ " + i + "\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            rows.add(EventRow.of(i, "event-" + i, "item-" + (i % 17), i / 17, "WorkItem",
                    Instant.ofEpochSecond(1_790_000_000L + i).toString(), "WorkItemCreated", i % 3 == 0 ? "2" : null,
                    payload, i % 5 == 0 ? null : "{\"traceId\":\"t\"}".getBytes(StandardCharsets.UTF_8)));
        }
        return rows;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
