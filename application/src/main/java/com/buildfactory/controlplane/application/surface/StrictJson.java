package com.buildfactory.controlplane.application.surface;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The JSON reader of request bodies: trailing tokens, repeated keys and scalar coercion ({@code "met": 123},
 * {@code "met": "false"}, {@code "title": 123}) are refused, so a client's mistake is a 400 instead of a guess.
 * A copy of the service's mapper: Axon's serializer shares the original, and stored events stay readable as they are.
 */
public final class StrictJson {

    private StrictJson() {
    }

    public static ObjectMapper of(ObjectMapper shared) {
        ObjectMapper strict = shared.copy();
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer,
                LogicalType.Float, LogicalType.Collection, LogicalType.POJO}) {
            strict.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, refuseUnlessNumber(type, true))
                    .setCoercion(CoercionInputShape.Float, refuseUnlessNumber(type, false))
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return strict;
    }

    private static CoercionAction refuseUnlessNumber(LogicalType type, boolean integral) {
        if (type == LogicalType.Integer) {
            return integral ? CoercionAction.TryConvert : CoercionAction.Fail;
        }
        if (type == LogicalType.Float) {
            return CoercionAction.TryConvert;
        }
        return CoercionAction.Fail;
    }
}
