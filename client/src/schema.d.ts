// Generated from openapi.json by `npm run client:generate` (openapi-typescript). Do not edit.

export interface paths {
    "/api/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account and get an access token */
        post: operations["auth_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange email and password for an access token */
        post: operations["auth_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The authenticated user */
        get: operations["auth_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's active API keys (never the keys themselves) */
        get: operations["auth_listApiKeys"];
        put?: never;
        /** Create an API key; the key is shown once, in this response */
        post: operations["auth_createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["auth_revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and readiness: pings the database */
        get: operations["health_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/stripe/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stripe events (Stripe-Signature over the raw body, 300 s tolerance) */
        post: operations["paymentWebhooks_stripe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/dodo/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dodo Payments events (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature) */
        post: operations["paymentWebhooks_dodo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhook-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inbox events, newest first, optionally by status (FAILED ones need attention) */
        get: operations["webhookEvents_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhook-events/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Process a FAILED or IGNORED event again; answers with its new status */
        post: operations["webhookEvents_replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the providers about open orders now, and credit the paid ones */
        post: operations["webhookEvents_reconcile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/packs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Credit packs, unit size, currency and the payment providers a checkout can use (public) */
        get: operations["billing_packs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The price of any number of credits, as a checkout would charge it (public)
         * @description Lets a pricing page show the price of a custom amount without computing it in the browser.
         */
        get: operations["billing_quote"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/checkout-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start buying credits: creates a PENDING order and a checkout session at the provider
         * @description The price is computed by the server from the number of credits. Send the customer to `checkoutUrl`; the credits arrive when the provider confirms the payment through its webhook.
         */
        post: operations["billing_createCheckoutSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's orders, newest first, keyset-paginated */
        get: operations["billing_listOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the user’s orders */
        get: operations["billing_getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/address": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The billing address sent to the payment provider with each checkout */
        get: operations["billing_getAddress"];
        /** Create or replace the billing address */
        put: operations["billing_putAddress"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/credits/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The balance: total, used, reserved by requests in flight, and remaining */
        get: operations["credits_balance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/credits/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ledger, newest first, keyset-paginated */
        get: operations["credits_transactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Generate text (costs 10 credits) */
        post: operations["ai_generate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/summarize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Summarize text (holds 20, charges 1 per started 100 summary characters) */
        post: operations["ai_summarize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant credits (positive amount) or take unspent credits back (negative) */
        post: operations["adminCredits_adjust"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's ledger, newest first */
        get: operations["adminCredits_transactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        RegisterDto: {
            /** @example ada@example.com */
            email: string;
            /** @example correct horse battery staple */
            password: string;
            /** @example Ada Lovelace */
            name?: string;
        };
        /** @enum {string} */
        Role: "USER" | "ADMIN";
        UserDto: {
            /** Format: uuid */
            id: string;
            email: string;
            name: string | null;
            role: components["schemas"]["Role"];
        };
        AuthTokenDto: {
            /** @description HS256 JWT; send it as `Authorization: Bearer <token>` */
            accessToken: string;
            /** @example Bearer */
            tokenType: string;
            /**
             * @description Lifetime of the token in seconds
             * @example 3600
             */
            expiresIn: number;
            user: components["schemas"]["UserDto"];
        };
        /** @enum {string} */
        ErrorCode: "VALIDATION_FAILED" | "MALFORMED_JSON" | "PAYLOAD_TOO_LARGE" | "UNAUTHORIZED" | "INVALID_CREDENTIALS" | "FORBIDDEN" | "NOT_FOUND" | "EMAIL_TAKEN" | "INSUFFICIENT_CREDITS" | "INVALID_CURSOR" | "INVALID_IDEMPOTENCY_KEY" | "IDEMPOTENCY_IN_PROGRESS" | "IDEMPOTENCY_KEY_REUSED" | "INVALID_CREDITS" | "PROVIDER_UNAVAILABLE" | "PAYMENT_PROVIDER_ERROR" | "INVALID_SIGNATURE" | "WEBHOOK_PROCESSING_FAILED" | "TOO_MANY_REQUESTS" | "SERVICE_UNAVAILABLE" | "INTERNAL_ERROR";
        ValidationDetailDto: {
            /** @example email */
            field: string;
            /**
             * @example [
             *       "email must be an email"
             *     ]
             */
            errors: string[];
        };
        ErrorResponseDto: {
            /** @example 400 */
            statusCode: number;
            /** @example VALIDATION_FAILED */
            code: components["schemas"]["ErrorCode"];
            /** @example email must be an email */
            message: string;
            /** @description Validation errors (VALIDATION_FAILED), per field */
            details?: components["schemas"]["ValidationDetailDto"][];
        };
        LoginDto: {
            /** @example ada@example.com */
            email: string;
            /** @example correct horse battery staple */
            password: string;
        };
        MeDto: {
            /** Format: uuid */
            id: string;
            email: string;
            name: string | null;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            createdAt: string;
        };
        CreateApiKeyDto: {
            /** @example CI pipeline */
            name: string;
        };
        CreatedApiKeyDto: {
            /** Format: uuid */
            id: string;
            name: string;
            prefix: string;
            /** @description The key itself. It is shown only in this response; store it now. */
            key: string;
            /** Format: date-time */
            createdAt: string;
        };
        ApiKeyDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /**
             * @description The first characters of the key, to tell keys apart
             * @example fc_a1B2c3D4
             */
            prefix: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string | null;
        };
        HealthDto: {
            /** @enum {string} */
            status: "ok" | "error";
            /** @enum {string} */
            database: "up" | "down";
            /**
             * @description Only when the database is down
             * @example 503
             */
            statusCode?: number;
            /**
             * @description Only when the database is down
             * @example SERVICE_UNAVAILABLE
             */
            code?: components["schemas"]["ErrorCode"];
            /**
             * @description Only when the database is down
             * @example The database does not answer
             */
            message?: string;
        };
        WebhookReceivedDto: {
            /** @example true */
            received: boolean;
        };
        /** @enum {string} */
        WebhookEventStatus: "PROCESSED" | "IGNORED" | "FAILED";
        /** @enum {string} */
        PaymentProvider: "stripe" | "dodo" | "sandbox";
        WebhookEventDto: {
            /** Format: uuid */
            id: string;
            provider: components["schemas"]["PaymentProvider"];
            /** @description The provider's event id (Stripe evt_…, Dodo webhook-id); reconcile:<orderId> for reconciliation */
            eventId: string;
            /** @example checkout.session.completed */
            type: string;
            status: components["schemas"]["WebhookEventStatus"];
            /** @description Why it FAILED, or why it was IGNORED */
            error: string | null;
            /** @description Processing attempts (deliveries and replays that did work) */
            attempts: number;
            /** Format: date-time */
            receivedAt: string;
            /** Format: date-time */
            processedAt: string | null;
        };
        WebhookEventListDto: {
            /** @description Newest first */
            items: components["schemas"]["WebhookEventDto"][];
        };
        ReconcileResultDto: {
            /** @description Open orders whose provider was asked */
            checked: number;
            /** @description Orders credited by this run */
            fulfilled: number;
        };
        PackDto: {
            /** @example 100 */
            credits: number;
            /** @example 2 */
            units: number;
            /**
             * @description Minor units (cents)
             * @example 1800
             */
            amount: number;
        };
        PriceTierDto: {
            /**
             * @description The smallest order, in units, that gets this price
             * @example 2
             */
            minUnits: number;
            /**
             * @description Minor units (cents) per unit
             * @example 900
             */
            unitAmount: number;
        };
        PacksDto: {
            /**
             * @description Credits in one unit; any multiple can be bought
             * @example 50
             */
            creditsPerUnit: number;
            /** @example usd */
            currency: string;
            packs: components["schemas"]["PackDto"][];
            /** @description Volume prices, smallest order first: every unit of an order costs the unitAmount of the last tier whose minUnits it reaches */
            tiers: components["schemas"]["PriceTierDto"][];
            /**
             * @description Providers a checkout can use, in preference order
             * @example [
             *       "stripe",
             *       "sandbox"
             *     ]
             */
            providers: ("stripe" | "dodo" | "sandbox")[];
            /**
             * @description Used when a checkout names no provider
             * @example stripe
             * @enum {string|null}
             */
            defaultProvider: "stripe" | "dodo" | "sandbox" | null;
        };
        QuoteDto: {
            /** @example 150 */
            credits: number;
            /** @example 3 */
            units: number;
            /**
             * @description Minor units (cents) per unit at this volume
             * @example 900
             */
            unitAmount: number;
            /**
             * @description Minor units (cents): what a checkout for these credits costs
             * @example 2700
             */
            amount: number;
            /** @example usd */
            currency: string;
        };
        CreateCheckoutSessionDto: {
            /**
             * @description A positive integer multiple of CREDITS_PER_UNIT (default 50), at most 50000; anything else is 400 INVALID_CREDITS
             * @example 100
             */
            credits: number;
            /**
             * @description Defaults to the configured default provider; one that is not enabled is 400 PROVIDER_UNAVAILABLE
             * @example stripe
             * @enum {string}
             */
            provider?: "stripe" | "dodo" | "sandbox";
        };
        CheckoutSessionDto: {
            /** Format: uuid */
            orderId: string;
            /**
             * @example stripe
             * @enum {string}
             */
            provider: "stripe" | "dodo" | "sandbox";
            /**
             * @description The provider's checkout session id
             * @example cs_test_a1b2c3
             */
            sessionId: string;
            /**
             * @description Send the customer here to pay
             * @example https://checkout.stripe.com/c/pay/cs_test_a1b2c3
             */
            checkoutUrl: string;
            /** @example 100 */
            credits: number;
            /**
             * @description Minor units (cents), computed by the server
             * @example 1800
             */
            amount: number;
            /** @example usd */
            currency: string;
            /**
             * @description Credits arrive when the provider confirms the payment (webhook)
             * @enum {string}
             */
            status: "PENDING";
        };
        /** @enum {string} */
        OrderStatus: "PENDING" | "AWAITING_PAYMENT" | "PAID" | "FAILED" | "EXPIRED" | "REFUNDED" | "PARTIALLY_REFUNDED" | "DISPUTED";
        OrderDto: {
            /** Format: uuid */
            id: string;
            provider: components["schemas"]["PaymentProvider"];
            /** @description The provider's checkout session id; null when the checkout could not be created */
            sessionId: string | null;
            /** @example 100 */
            credits: number;
            /**
             * @description Minor units (cents), before tax
             * @example 1800
             */
            amount: number;
            /**
             * @description What the customer actually paid, tax included, in minor units; null until the payment is credited. Refunds are a share of it.
             * @example 1962
             */
            amountPaid: number | null;
            /** @example usd */
            currency: string;
            status: components["schemas"]["OrderStatus"];
            /**
             * @description Minor units refunded so far (of amountPaid, tax included)
             * @example 0
             */
            refundedAmount: number;
            /**
             * @description Credits taken back by refunds and disputes
             * @example 0
             */
            creditsClawedBack: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        OrderPageDto: {
            /** @description Newest first */
            items: components["schemas"]["OrderDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        BillingAddressDto: {
            /** @example Ada Lovelace */
            name: string | null;
            /** @example 12 St James’s Square */
            line1: string;
            /** @example null */
            line2: string | null;
            /** @example London */
            city: string;
            /** @example null */
            state: string | null;
            /** @example SW1Y 4LE */
            postalCode: string;
            /**
             * @description ISO 3166-1 alpha-2, upper-case
             * @example GB
             */
            country: string;
            /** Format: date-time */
            updatedAt: string;
        };
        PutBillingAddressDto: {
            /** @example Ada Lovelace */
            name?: Record<string, never> | null;
            /** @example 12 St James’s Square */
            line1: string;
            /** @example Flat 3 */
            line2?: Record<string, never> | null;
            /** @example London */
            city: string;
            /** @example Greater London */
            state?: Record<string, never> | null;
            /** @example SW1Y 4LE */
            postalCode: string;
            /**
             * @description ISO 3166-1 alpha-2, any case; stored upper-case
             * @example GB
             */
            country: string;
        };
        BalanceDto: {
            /** @description Credits ever added (purchases, grants, restores) minus clawbacks and negative adjustments */
            creditsTotal: number;
            /** @description Credits charged by usage */
            creditsUsed: number;
            /** @description Credits held by requests in flight */
            creditsReserved: number;
            /** @description creditsTotal − creditsUsed − creditsReserved; negative after a clawback of spent credits */
            remaining: number;
        };
        /** @enum {string} */
        CreditTransactionType: "PURCHASE" | "USAGE" | "GRANT" | "ADJUSTMENT" | "REFUND_CLAWBACK" | "DISPUTE_CLAWBACK" | "DISPUTE_RESTORE";
        TransactionDto: {
            /** Format: uuid */
            id: string;
            type: components["schemas"]["CreditTransactionType"];
            /** @description Signed: positive adds credits, negative removes them */
            amount: number;
            /** @description creditsTotal − creditsUsed after this entry (the running sum of the ledger) */
            balanceAfter: number;
            description: string;
            /** Format: uuid */
            orderId: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        TransactionPageDto: {
            items: components["schemas"]["TransactionDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        GenerateDto: {
            /** @example A haiku about ledgers */
            prompt: string;
        };
        GenerateResultDto: {
            output: string;
            /** @example 10 */
            creditsCharged: number;
        };
        SummarizeDto: {
            text: string;
        };
        SummarizeResultDto: {
            summary: string;
            /**
             * @description 1 credit per started 100 characters of summary, at least 1, at most 20
             * @example 3
             */
            creditsCharged: number;
        };
        AdjustCreditsDto: {
            /**
             * @description Non-zero: positive grants credits (GRANT), negative removes them (ADJUSTMENT)
             * @example 100
             */
            amount: number;
            /** @example Goodwill for the outage on 3 May */
            reason: string;
        };
        LedgerEntryDto: {
            /** Format: uuid */
            id: string;
            type: components["schemas"]["CreditTransactionType"];
            /** @description Signed: positive adds credits, negative removes them */
            amount: number;
            /** @description creditsTotal − creditsUsed after this entry (the running sum of the ledger) */
            balanceAfter: number;
            description: string;
            /** Format: uuid */
            orderId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            userId: string;
            /** @description The user’s remaining credits after this entry */
            remaining: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    auth_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthTokenDto"];
                };
            };
            /** @description Invalid email, password of the wrong length, or unknown fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description EMAIL_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description TOO_MANY_REQUESTS: retry after the Retry-After header */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    auth_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthTokenDto"];
                };
            };
            /** @description INVALID_CREDENTIALS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description TOO_MANY_REQUESTS: retry after the Retry-After header */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    auth_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    auth_listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"][];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    auth_createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    auth_revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such key among this user’s keys */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    health_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description The database does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
        };
    };
    paymentWebhooks_stripe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReceivedDto"];
                };
            };
            /** @description INVALID_SIGNATURE: nothing was recorded */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Stripe is not configured */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description WEBHOOK_PROCESSING_FAILED: retry */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    paymentWebhooks_dodo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReceivedDto"];
                };
            };
            /** @description INVALID_SIGNATURE: nothing was recorded */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Dodo Payments is not configured */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description WEBHOOK_PROCESSING_FAILED: retry */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    webhookEvents_list: {
        parameters: {
            query?: {
                status?: components["schemas"]["WebhookEventStatus"];
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEventListDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Requires role ADMIN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    webhookEvents_replay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEventDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Requires role ADMIN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    webhookEvents_reconcile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconcileResultDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Requires role ADMIN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    billing_packs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PacksDto"];
                };
            };
        };
    };
    billing_quote: {
        parameters: {
            query: {
                /** @description A positive integer multiple of CREDITS_PER_UNIT (default 50), at most 50000; anything else is 400 INVALID_CREDITS */
                credits: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuoteDto"];
                };
            };
            /** @description INVALID_CREDITS: not a positive integer multiple of CREDITS_PER_UNIT up to 50,000 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    billing_createCheckoutSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key get the first response again (kept 24 h) and are not charged twice. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCheckoutSessionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckoutSessionDto"];
                };
            };
            /** @description INVALID_CREDITS (not a positive integer multiple of CREDITS_PER_UNIT up to 50,000), PROVIDER_UNAVAILABLE, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description IDEMPOTENCY_IN_PROGRESS: the first request with this key is still running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED: the key was used with a different body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYMENT_PROVIDER_ERROR: the provider failed or timed out; the order is FAILED */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    billing_listOrders: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPageDto"];
                };
            };
            /** @description INVALID_CURSOR, or a limit outside 1..100 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    billing_getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such order among this user’s orders */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    billing_getAddress: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillingAddressDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no address saved yet */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    billing_putAddress: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutBillingAddressDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillingAddressDto"];
                };
            };
            /** @description VALIDATION_FAILED, e.g. a country that is not ISO 3166-1 alpha-2 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    credits_balance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BalanceDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    credits_transactions: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransactionPageDto"];
                };
            };
            /** @description limit outside 1–100, or a cursor this API did not issue */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ai_generate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key get the first response again (kept 24 h) and are not charged twice. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GenerateDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GenerateResultDto"];
                };
            };
            /** @description prompt missing or longer than 4000 characters (nothing is charged) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INSUFFICIENT_CREDITS: needs 10 credits; the body adds `required` and `remaining` */
            402: {
                headers: {
                    /** @description Credits charged by this request (on 402: what it would need) */
                    "X-Credits-Cost"?: number;
                    /** @description Credits remaining after this request */
                    "X-Credits-Remaining"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description IDEMPOTENCY_IN_PROGRESS: the first request with this key is still running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED: the key was used with a different body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ai_summarize: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key get the first response again (kept 24 h) and are not charged twice. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SummarizeDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SummarizeResultDto"];
                };
            };
            /** @description text missing or too long (nothing is charged) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INSUFFICIENT_CREDITS: needs 20 credits; the body adds `required` and `remaining` */
            402: {
                headers: {
                    /** @description Credits charged by this request (on 402: what it would need) */
                    "X-Credits-Cost"?: number;
                    /** @description Credits remaining after this request */
                    "X-Credits-Remaining"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description IDEMPOTENCY_IN_PROGRESS: the first request with this key is still running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED: the key was used with a different body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    adminCredits_adjust: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdjustCreditsDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerEntryDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Requires role ADMIN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INSUFFICIENT_CREDITS: would take remaining below 0 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    adminCredits_transactions: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransactionPageDto"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Requires role ADMIN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
}
