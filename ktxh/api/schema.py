"""How drf-spectacular describes our own authentication and number fields."""

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "ktxh.api.authentication.TokenAuthentication"
    name = "khoaApi"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "Khóa API: `Authorization: Token <khóa>` (cấp bằng `ktxh token create`)"}


class DecimalStringField(OpenApiSerializerFieldExtension):
    target_class = "ktxh.api.serializers.DecimalString"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "format": "decimal", "nullable": True, "example": "36595.83",
                "description": "Số thập phân chính xác, dấu chấm thập phân"}
