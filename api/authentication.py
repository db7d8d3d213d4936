"""`Authorization: Bearer <token>`, the form OAuth-minded clients send, as a synonym for Token.

DRF's TokenAuthentication knows only its `Token` keyword and treats any other as anonymous, so
a client sending Bearer got 401s without a word on why.
"""

from rest_framework.authentication import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    keyword = "Bearer"
