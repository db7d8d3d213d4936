"""Serializers: `*Serializer` describe what the API returns; `*Input` what it accepts.

Inputs only validate; the views hand their data to the services, which write. Fields that the
services own (verdict status, authors of records, who checked a link) are never inputs.
"""
