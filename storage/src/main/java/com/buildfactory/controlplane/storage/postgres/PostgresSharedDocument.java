package com.buildfactory.controlplane.storage.postgres;

import com.buildfactory.controlplane.storage.SharedDocument;
import com.buildfactory.controlplane.storage.StorageException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** A document in the shared database's {@code control_plane_document} table, one row per name. */
public final class PostgresSharedDocument implements SharedDocument {

    private final DataSource dataSource;
    private final String name;

    public PostgresSharedDocument(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
    }

    @Override
    public Optional<byte[]> read() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT body FROM control_plane_document WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the shared document " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] document) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("INSERT INTO control_plane_document"
                     + " (name, body, updated_at) VALUES (?, ?, now()) ON CONFLICT (name)"
                     + " DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at")) {
            statement.setString(1, name);
            statement.setBytes(2, document);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot write the shared document " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean shared() {
        return true;
    }
}
