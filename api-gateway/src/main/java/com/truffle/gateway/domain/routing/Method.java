package com.truffle.gateway.domain.routing;

/** The HTTP methods the public API uses. Anything else (HEAD, OPTIONS, TRACE, …) matches no route. */
public enum Method {
    GET, POST, PUT, PATCH, DELETE;

    /** The method of that name, or null when the public API never uses it. */
    public static Method of(String name) {
        switch (name) {
            case "GET": return GET;
            case "POST": return POST;
            case "PUT": return PUT;
            case "PATCH": return PATCH;
            case "DELETE": return DELETE;
            default: return null;
        }
    }
}
