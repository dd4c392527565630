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
    "/api/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers (no I/O) */
        get: operations["health_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database, and Redis when configured, answer */
        get: operations["health_ready"];
        put?: never;
        post?: never;
        delete?: never;
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
        /** Readiness (the same as /api/health/ready) */
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
    "/api/credits/auto-top-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The wallet's auto top-up rule and saved payment method */
        get: operations["autoTopUp_get"];
        /** Sets the rule; enabling stores the consent and tops up once if already below the threshold */
        put: operations["autoTopUp_put"];
        post?: never;
        /** Disables auto top-up (the saved method stays) */
        delete: operations["autoTopUp_disable"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/credits/payment-method": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Detaches the saved method at the provider, forgets it and disables auto top-up */
        delete: operations["autoTopUp_removePaymentMethod"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/credits/auto-top-up/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Auto top-up attempts, newest first, keyset-paginated */
        get: operations["autoTopUp_attempts"];
        put?: never;
        post?: never;
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
    "/api/credits/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The wallet's grants (lots) in draw-down order, keyset-paginated */
        get: operations["grants_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/credits/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Credits charged in [from, to), by UTC day, by route or by member */
        get: operations["usage_usage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/credits/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move available credits between two wallets you control, keeping their category and expiry */
        post: operations["transfers_create"];
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
    "/api/admin/organizations/{id}/credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant credits to an organization's wallet (positive amount) or take unspent credits back (negative) */
        post: operations["adminOrganizationCredits_adjust"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/usage/{reservationId}/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put a settled request's charge back into the grants it came from */
        post: operations["adminUsage_reverse"];
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
        get: operations["adminWebhookEvents_list"];
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
        post: operations["adminWebhookEvents_replay"];
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
        post: operations["adminWebhookEvents_reconcile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/reconciliation/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Drift report: the providers' payments and refunds against the ledger's purchases and clawbacks */
        get: operations["driftReport_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every endpoint, newest first (secrets are never listed) */
        get: operations["webhookEndpoints_list"];
        put?: never;
        /** Add an endpoint; its signing secret is in this response only */
        post: operations["webhookEndpoints_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["webhookEndpoints_get"];
        put?: never;
        post?: never;
        /** Remove an endpoint and its deliveries */
        delete: operations["webhookEndpoints_delete"];
        options?: never;
        head?: never;
        /** Change the URL, the subscribed types, or enable/disable */
        patch: operations["webhookEndpoints_update"];
        trace?: never;
    };
    "/api/admin/webhook-endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new secret; for 24 hours deliveries are signed with the new and the old one */
        post: operations["webhookEndpoints_rotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhook-endpoints/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a ping event to this endpoint only, even when disabled or not subscribed */
        post: operations["webhookEndpoints_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint's deliveries, newest first, optionally by status */
        get: operations["webhookEndpoints_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/event-deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attempt a pending or failed delivery again now */
        post: operations["webhookEndpoints_retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The outbox: every event, newest first, optionally one type or one wallet */
        get: operations["webhookEndpoints_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organizations you are a member of */
        get: operations["organizations_list"];
        put?: never;
        /** Create an organization with its own wallet; you become its OWNER */
        post: operations["organizations_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["organizations_get"];
        put?: never;
        post?: never;
        /** Delete (OWNER): a soft delete that keeps the ledger and revokes the organization’s keys */
        delete: operations["organizations_delete"];
        options?: never;
        head?: never;
        /** Rename (OWNER) */
        patch: operations["organizations_rename"];
        trace?: never;
    };
    "/api/organizations/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["organizations_members"];
        put?: never;
        /** Add a registered user by email (OWNER) */
        post: operations["organizations_addMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (OWNER) or leave (yourself); their organization keys are revoked */
        delete: operations["organizations_removeMember"];
        options?: never;
        head?: never;
        /** Change a role (OWNER) or a spend limit (OWNER: anyone’s; BILLING_ADMIN: MEMBERs’). What was used in the period stays used */
        patch: operations["organizations_updateMember"];
        trace?: never;
    };
    "/api/organizations/{id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["organizations_listKeys"];
        put?: never;
        /** An organization API key (OWNER, BILLING_ADMIN): spends from the organization’s wallet as you, on credits, billing and priced routes only */
        post: operations["organizations_createKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["organizations_revokeKey"];
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
        ErrorCode: "VALIDATION_FAILED" | "MALFORMED_JSON" | "PAYLOAD_TOO_LARGE" | "UNAUTHORIZED" | "INVALID_CREDENTIALS" | "FORBIDDEN" | "NO_SAVED_PAYMENT_METHOD" | "AUTO_TOP_UP_UNSUPPORTED" | "NOT_FOUND" | "EMAIL_TAKEN" | "INSUFFICIENT_CREDITS" | "BALANCE_LIMIT_EXCEEDED" | "SPEND_LIMIT_REACHED" | "WALLET_NOT_EMPTY" | "HOLDS_PENDING" | "ALREADY_MEMBER" | "LAST_OWNER" | "INVALID_CURSOR" | "ALREADY_REVERSED" | "INVALID_IDEMPOTENCY_KEY" | "IDEMPOTENCY_IN_PROGRESS" | "IDEMPOTENCY_KEY_REUSED" | "INVALID_CREDITS" | "PROVIDER_UNAVAILABLE" | "PAYMENT_PROVIDER_ERROR" | "INVALID_SIGNATURE" | "WEBHOOK_PROCESSING_FAILED" | "INVALID_ENDPOINT_URL" | "ALREADY_DELIVERED" | "TOO_MANY_REQUESTS" | "SERVICE_UNAVAILABLE" | "INTERNAL_ERROR";
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
        LivenessDto: {
            /** @enum {string} */
            status: "ok";
        };
        HealthDto: {
            /** @enum {string} */
            status: "ok" | "error";
            /** @enum {string} */
            database: "up" | "down";
            /**
             * @description Only when REDIS_URL is set
             * @enum {string}
             */
            redis?: "up" | "down";
            /**
             * @description Only when a dependency is down
             * @example 503
             */
            statusCode?: number;
            /**
             * @description Only when a dependency is down
             * @example SERVICE_UNAVAILABLE
             */
            code?: components["schemas"]["ErrorCode"];
            /**
             * @description Only when a dependency is down
             * @example The database does not answer
             */
            message?: string;
        };
        WebhookReceivedDto: {
            /** @example true */
            received: boolean;
        };
        /** @enum {string} */
        AutoTopUpStatus: "DISABLED" | "ACTIVE" | "REQUIRES_ACTION" | "DISABLED_AFTER_FAILURES";
        /** @enum {string} */
        PaymentProvider: "stripe" | "dodo" | "sandbox";
        SavedPaymentMethodDto: {
            provider: components["schemas"]["PaymentProvider"];
            brand: string | null;
            last4: string | null;
        };
        /** @enum {string} */
        AutoTopUpAttemptStatus: "PENDING" | "CHARGING" | "SUCCEEDED" | "FAILED" | "REQUIRES_ACTION";
        AutoTopUpAttemptDto: {
            /** Format: uuid */
            id: string;
            status: components["schemas"]["AutoTopUpAttemptStatus"];
            credits: number;
            /** @description Minor units */
            amount: number;
            /** Format: uuid */
            orderId: string | null;
            failureCode: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        AutoTopUpDto: {
            enabled: boolean;
            threshold: number | null;
            credits: number | null;
            maxPerMonth: number | null;
            monthlySpendLimit: number | null;
            status: components["schemas"]["AutoTopUpStatus"];
            paymentMethod: components["schemas"]["SavedPaymentMethodDto"] | null;
            lastAttempt: components["schemas"]["AutoTopUpAttemptDto"] | null;
            /** Format: date-time */
            consentedAt: string | null;
        };
        PutAutoTopUpDto: {
            enabled: boolean;
            /** @description A settle leaving `remaining` below this tops up */
            threshold: number;
            /** @description Credits per top-up: a positive multiple of CREDITS_PER_UNIT */
            credits: number;
            /** @description Top-ups per UTC calendar month */
            maxPerMonth: number;
            /** @description Most the month’s top-ups may charge (minor units) */
            monthlySpendLimit?: number;
        };
        AutoTopUpAttemptPageDto: {
            items: components["schemas"]["AutoTopUpAttemptDto"][];
            nextCursor: string | null;
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
            /** @description Keep the card for auto top-up (a provider customer per wallet, off-session consent); 409 AUTO_TOP_UP_UNSUPPORTED for a provider that cannot charge off-session */
            savePaymentMethod?: boolean;
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
            name?: string | null;
            /** @example 12 St James’s Square */
            line1: string;
            /** @example Flat 3 */
            line2?: string | null;
            /** @example London */
            city: string;
            /** @example Greater London */
            state?: string | null;
            /** @example SW1Y 4LE */
            postalCode: string;
            /**
             * @description ISO 3166-1 alpha-2, any case; stored upper-case
             * @example GB
             */
            country: string;
        };
        ExpiringGrantDto: {
            /** Format: uuid */
            grantId: string;
            /** @description The grant’s available credits (not held by a request in flight) */
            remaining: number;
            /** Format: date-time */
            expiresAt: string;
        };
        BalanceDto: {
            /**
             * Format: uuid
             * @description The wallet this balance is of
             */
            walletId: string;
            /** @description Credits ever added (purchases, grants, restores) minus clawbacks, negative adjustments and expired credits */
            creditsTotal: number;
            /** @description Credits charged by usage */
            creditsUsed: number;
            /** @description Credits held by requests in flight */
            creditsReserved: number;
            /** @description creditsTotal − creditsUsed − creditsReserved; negative exactly when the wallet is in debt */
            remaining: number;
            /** @description Credits a refund or dispute could not take back; new credits pay it first */
            debt: number;
            /** @description Available PAID credits (purchases) */
            paid: number;
            /** @description Available PROMOTIONAL credits (grants, bonuses) */
            promotional: number;
            /** @description Grants expiring within EXPIRY_NOTICE_DAYS (default 7), soonest first */
            expiringSoon: components["schemas"]["ExpiringGrantDto"][];
        };
        /** @enum {string} */
        CreditTransactionType: "PURCHASE" | "USAGE" | "GRANT" | "ADJUSTMENT" | "REFUND_CLAWBACK" | "DISPUTE_CLAWBACK" | "DISPUTE_RESTORE" | "EXPIRATION" | "TRANSFER_IN" | "TRANSFER_OUT" | "USAGE_REVERSAL" | "DEBT_PAYMENT";
        /** @enum {string} */
        CreditCategory: "PAID" | "PROMOTIONAL";
        MovementGrantDto: {
            /** Format: uuid */
            grantId: string;
            category: components["schemas"]["CreditCategory"];
            /** @description Signed */
            amount: number;
        };
        LedgerTransactionDto: {
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
            /** @description In draw-down order */
            grants: components["schemas"]["MovementGrantDto"][];
            /** @description Credits of an incoming movement that paid debt */
            debtPaid: number;
            /** @description What a clawback could not take from any grant and added to debt */
            debtAdded: number;
            /**
             * Format: uuid
             * @description Who caused it (the spender, the admin); null for provider events and expiry
             */
            actorUserId: string | null;
            /**
             * Format: uuid
             * @description The API key it came with
             */
            apiKeyId: string | null;
        };
        TransactionPageDto: {
            items: components["schemas"]["LedgerTransactionDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @enum {string} */
        CreditGrantSource: "PURCHASE" | "AUTO_TOP_UP" | "ADMIN_GRANT" | "SIGNUP_BONUS" | "TRANSFER" | "DISPUTE_RESTORE" | "MIGRATION";
        /**
         * @description A grant past its expiry is EXPIRED, also before the sweeper has written it off
         * @enum {string}
         */
        CreditGrantStatus: "ACTIVE" | "DEPLETED" | "EXPIRED" | "VOIDED";
        GrantDto: {
            /** Format: uuid */
            id: string;
            source: components["schemas"]["CreditGrantSource"];
            category: components["schemas"]["CreditCategory"];
            /** @description Credits that arrived with the grant */
            amount: number;
            /** @description Neither spent, clawed back nor expired (held credits included); past expiry only the held credits */
            remaining: number;
            /** @description Credits held by requests in flight */
            held: number;
            /** @description Lower is drawn first */
            priority: number;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            orderId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description A grant past its expiry is EXPIRED, also before the sweeper has written it off */
            status: components["schemas"]["CreditGrantStatus"];
        };
        GrantPageDto: {
            /** @description In draw-down order: the first is spent first */
            items: components["schemas"]["GrantDto"][];
            /** @description Pass as `cursor` for the next page */
            nextCursor: string | null;
        };
        UsageBucketDto: {
            /** @description YYYY-MM-DD, a route such as `POST /api/ai/generate`, or a user id */
            key: string;
            /** @description Credits charged, minus charges reversed by support */
            credits: number;
            /** @description Charged requests, minus reversed ones */
            requests: number;
        };
        UsageDto: {
            /** @description day: ascending, every day included; route and member: most credits first */
            items: components["schemas"]["UsageBucketDto"][];
        };
        CreateTransferDto: {
            /**
             * Format: uuid
             * @description The wallet the credits leave
             */
            fromWalletId: string;
            /**
             * Format: uuid
             * @description The wallet the credits go to
             */
            toWalletId: string;
            /** @example 100 */
            amount: number;
            /** @example Budget for the Q3 launch */
            reason?: string;
        };
        TransferSideDto: {
            /** Format: uuid */
            walletId: string;
            /** @description The wallet’s remaining credits after the transfer */
            remaining: number;
        };
        TransferDto: {
            /**
             * Format: uuid
             * @description Both ledger rows carry the reference transfer:<transferId>
             */
            transferId: string;
            amount: number;
            from: components["schemas"]["TransferSideDto"];
            to: components["schemas"]["TransferSideDto"];
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
            /** @description Of the new grant (positive amounts only); default PROMOTIONAL */
            category?: components["schemas"]["CreditCategory"];
            /** @description Lower is spent first; default 50 */
            priority?: number;
            /**
             * Format: date-time
             * @description When the grant expires
             */
            expiresAt?: string;
            /** @description Alternative to expiresAt */
            expiresInDays?: number;
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
            /**
             * Format: uuid
             * @description The personal wallet’s owner; null for an organization’s wallet
             */
            userId: string | null;
            /** @description The user’s remaining credits after this entry */
            remaining: number;
            /**
             * Format: uuid
             * @description The grant a positive amount made
             */
            grantId: string | null;
        };
        ReverseUsageDto: {
            /** @example The model returned an empty answer */
            reason: string;
        };
        UsageReversalDto: {
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
            walletId: string;
            /** Format: uuid */
            reservationId: string;
            /** @description Credits of the reversal that paid the wallet’s debt */
            debtPaid: number;
            /** @description Credits that went back to grants past expiry and were written off again */
            writtenOff: number;
            /** @description The wallet’s remaining credits afterwards */
            remaining: number;
        };
        /** @enum {string} */
        WebhookEventStatus: "PROCESSED" | "IGNORED" | "FAILED";
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
        MoneyTotalsDto: {
            count: number;
            /**
             * @description Minor units by lower-case currency
             * @example {
             *       "usd": 3600
             *     }
             */
            amounts: Record<string, never>;
        };
        DriftItemDto: {
            /**
             * @description paid_not_credited: the provider took a payment the ledger has no purchase for; credited_without_payment: a purchase the provider has no succeeded payment for; amount_mismatch: both exist, amounts differ; refunded_not_clawed_back / clawback_without_refund: the same for refunds
             * @enum {string}
             */
            kind: "paid_not_credited" | "credited_without_payment" | "amount_mismatch" | "refunded_not_clawed_back" | "clawback_without_refund";
            paymentId?: string;
            refundId?: string;
            /** Format: uuid */
            orderId?: string;
            /** @description Minor units, as the provider records it */
            providerAmount?: number;
            /** @description Minor units, as the order records it */
            ledgerAmount?: number;
            /** @example usd */
            currency?: string;
            /** Format: date-time */
            at: string;
        };
        ProviderDriftDto: {
            provider: components["schemas"]["PaymentProvider"];
            /** @description false when the provider keeps no records to compare (the sandbox) */
            compared: boolean;
            /** @description The provider listed more records than one report reads; the comparison is partial */
            truncated: boolean;
            /** @description Succeeded payments at the provider in the window */
            providerPayments: components["schemas"]["MoneyTotalsDto"];
            /** @description PURCHASE ledger rows in the window (the amounts their orders were paid) */
            ledgerPurchases: components["schemas"]["MoneyTotalsDto"];
            /** @description Succeeded refunds at the provider in the window */
            providerRefunds: components["schemas"]["MoneyTotalsDto"];
            /** @description REFUND_CLAWBACK ledger rows in the window (credits in `amounts.credits`) */
            ledgerClawbacks: components["schemas"]["MoneyTotalsDto"];
            differences: components["schemas"]["DriftItemDto"][];
        };
        DriftReportDto: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            /** @description No provider shows any difference */
            inSync: boolean;
            providers: components["schemas"]["ProviderDriftDto"][];
        };
        CreateWebhookEndpointDto: {
            /** @example https://app.example.com/webhooks/forge */
            url: string;
            /**
             * @description Event types to receive, or ["*"] for every type but ping
             * @example [
             *       "*"
             *     ]
             */
            events: ("order.paid" | "order.refunded" | "order.disputed" | "order.dispute_closed" | "credits.granted" | "credits.expiring_soon" | "credits.expired" | "balance.low" | "balance.depleted" | "auto_top_up.succeeded" | "auto_top_up.failed" | "auto_top_up.requires_action" | "auto_top_up.disabled" | "*")[];
            description?: string;
        };
        CreatedWebhookEndpointDto: {
            /** Format: uuid */
            id: string;
            url: string;
            description: string | null;
            /**
             * @example [
             *       "balance.low",
             *       "order.paid"
             *     ]
             */
            events: string[];
            enabled: boolean;
            /** @description Why it was disabled, e.g. after 24 hours of failed deliveries */
            disabledReason: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * @description The signing secret (whsec_…), shown only now
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
        };
        WebhookEndpointDto: {
            /** Format: uuid */
            id: string;
            url: string;
            description: string | null;
            /**
             * @example [
             *       "balance.low",
             *       "order.paid"
             *     ]
             */
            events: string[];
            enabled: boolean;
            /** @description Why it was disabled, e.g. after 24 hours of failed deliveries */
            disabledReason: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        UpdateWebhookEndpointDto: {
            url?: string;
            /** @description Event types to receive, or ["*"] for every type but ping */
            events?: ("order.paid" | "order.refunded" | "order.disputed" | "order.dispute_closed" | "credits.granted" | "credits.expiring_soon" | "credits.expired" | "balance.low" | "balance.depleted" | "auto_top_up.succeeded" | "auto_top_up.failed" | "auto_top_up.requires_action" | "auto_top_up.disabled" | "*")[];
            /** @description true also clears an automatic disable and its failure streak */
            enabled?: boolean;
            description?: string | null;
        };
        EndpointSecretDto: {
            /** @description The new signing secret, shown only now; the old one keeps signing too for 24 hours */
            secret: string;
        };
        TestPingDto: {
            /**
             * Format: uuid
             * @description The ping event's id (its webhook-id)
             */
            eventId: string;
        };
        /** @enum {string} */
        EventDeliveryStatus: "PENDING" | "DELIVERED" | "FAILED";
        EventDeliveryDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The event, and the webhook-id of every attempt
             */
            eventId: string;
            /** @example balance.low */
            type: string;
            status: components["schemas"]["EventDeliveryStatus"];
            attempts: number;
            /** @description Status of the last attempt; null when it got no response */
            lastStatusCode: number | null;
            /**
             * Format: date-time
             * @description When the next attempt is due (PENDING only)
             */
            nextAttemptAt: string | null;
            /** Format: date-time */
            deliveredAt: string | null;
        };
        EventDeliveryPageDto: {
            /** @description Newest first */
            items: components["schemas"]["EventDeliveryDto"][];
            nextCursor: string | null;
        };
        OutboxEventDto: {
            /** Format: uuid */
            id: string;
            /** @example order.paid */
            type: string;
            /** Format: uuid */
            walletId: string | null;
            /** @description As delivered */
            data: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
        };
        OutboxEventPageDto: {
            /** @description Newest first */
            items: components["schemas"]["OutboxEventDto"][];
            nextCursor: string | null;
        };
        OrganizationNameDto: {
            /** @example Acme Research */
            name: string;
        };
        /**
         * @description Your role in it
         * @enum {string}
         */
        OrganizationRole: "OWNER" | "BILLING_ADMIN" | "MEMBER";
        OrganizationDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description Your role in it */
            role: components["schemas"]["OrganizationRole"];
            /**
             * Format: uuid
             * @description The shared wallet (send X-Organization-Id to use it)
             */
            walletId: string;
            /** Format: date-time */
            createdAt: string;
        };
        /**
         * @description UTC day, ISO week, month
         * @enum {string}
         */
        SpendLimitPeriod: "DAY" | "WEEK" | "MONTH";
        SpendLimitDto: {
            /** @example 500 */
            credits: number;
            /** @description UTC day, ISO week, month */
            period: components["schemas"]["SpendLimitPeriod"];
        };
        MemberDto: {
            /** Format: uuid */
            userId: string;
            email: string;
            name: string | null;
            role: components["schemas"]["OrganizationRole"];
            spendLimit: components["schemas"]["SpendLimitDto"] | null;
            /** @description Credits the member spent (settled) or holds in the current period of their limit (the current UTC month without one): the limit's `used` */
            spentThisPeriod: number;
        };
        AddMemberDto: {
            /**
             * @description A registered user
             * @example dev@example.com
             */
            email: string;
            role: components["schemas"]["OrganizationRole"];
        };
        UpdateMemberDto: {
            /** @description OWNER only */
            role?: components["schemas"]["OrganizationRole"];
            /** @description null removes the limit. OWNERs set anyone’s, BILLING_ADMINs those of MEMBERs */
            spendLimit?: components["schemas"]["SpendLimitDto"] | null;
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
    health_live: {
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
                    "application/json": components["schemas"]["LivenessDto"];
                };
            };
        };
    };
    health_ready: {
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
            /** @description A dependency does not answer */
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
            /** @description A dependency does not answer */
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
    autoTopUp_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
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
                    "application/json": components["schemas"]["AutoTopUpDto"];
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
            /** @description An organization MEMBER (OWNER and BILLING_ADMIN manage it) */
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
    autoTopUp_put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutAutoTopUpDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoTopUpDto"];
                };
            };
            /** @description A bad rule */
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
            /** @description An organization MEMBER (OWNER and BILLING_ADMIN manage it) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description NO_SAVED_PAYMENT_METHOD or AUTO_TOP_UP_UNSUPPORTED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    autoTopUp_disable: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
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
            /** @description An organization MEMBER (OWNER and BILLING_ADMIN manage it) */
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
    autoTopUp_removePaymentMethod: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
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
            /** @description An organization MEMBER (OWNER and BILLING_ADMIN manage it) */
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
    autoTopUp_attempts: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
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
                    "application/json": components["schemas"]["AutoTopUpAttemptPageDto"];
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
            /** @description An organization MEMBER (OWNER and BILLING_ADMIN manage it) */
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
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
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
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
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
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
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
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
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
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
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
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
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
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
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
    grants_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `nextCursor` of the previous page */
                cursor?: string;
                status?: "ACTIVE" | "DEPLETED" | "EXPIRED" | "VOIDED" | "ALL";
            };
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
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
                    "application/json": components["schemas"]["GrantPageDto"];
                };
            };
            /** @description An unknown status, limit outside 1–100, or a cursor this API did not issue */
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
    usage_usage: {
        parameters: {
            query?: {
                /** @description Start, inclusive: YYYY-MM-DD (UTC) or RFC 3339; default 29 UTC days before today */
                from?: string;
                /** @description End, exclusive: YYYY-MM-DD (UTC) or RFC 3339; default the end of today (UTC) */
                to?: string;
                /** @description member: organization wallets only */
                groupBy?: "day" | "route" | "member";
            };
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
            };
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
                    "application/json": components["schemas"]["UsageDto"];
                };
            };
            /** @description A bad date, from not before to, more than 366 days, or groupBy=member on a personal wallet */
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
    transfers_create: {
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
                "application/json": components["schemas"]["CreateTransferDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferDto"];
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
            /** @description Your role in the wallet lacks the right */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A wallet you cannot see */
            404: {
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
            /**
             * @description INSUFFICIENT_CREDITS: not enough available credits in fromWalletId
             *
             *     IDEMPOTENCY_KEY_REUSED: the key was used with a different body
             */
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
    ai_generate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
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
            /** @description SPEND_LIMIT_REACHED: your spend limit in the organization is used up for the period; the body adds `limit`, `used`, `period` and `resetsAt` */
            403: {
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
                /** @description Act on this organization’s wallet instead of your personal one (an organization API key implies its own). Not a UUID: 400; not a member, or deleted: 404; your role lacks the right: 403 FORBIDDEN. */
                "X-Organization-Id"?: string;
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
            /** @description SPEND_LIMIT_REACHED: your spend limit in the organization is used up for the period; the body adds `limit`, `used`, `period` and `resetsAt` */
            403: {
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
    adminOrganizationCredits_adjust: {
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
            /** @description Unknown or deleted organization */
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
    adminUsage_reverse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reservationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReverseUsageDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReversalDto"];
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
            /** @description No settled, charged request with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ALREADY_REVERSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    adminWebhookEvents_list: {
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
    adminWebhookEvents_replay: {
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
    adminWebhookEvents_reconcile: {
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
    driftReport_report: {
        parameters: {
            query?: {
                /** @description Start of the window (included). Default: 24 hours before `to` */
                from?: string;
                /** @description End of the window (excluded). Default: RECONCILE_MIN_AGE_MINUTES ago, so that webhooks in flight are not counted as drift */
                to?: string;
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
                    "application/json": components["schemas"]["DriftReportDto"];
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
            /** @description A provider did not answer */
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
    webhookEndpoints_list: {
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
                    "application/json": components["schemas"]["WebhookEndpointDto"][];
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
    webhookEndpoints_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpointDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookEndpointDto"];
                };
            };
            /** @description INVALID_ENDPOINT_URL or VALIDATION_FAILED */
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
    webhookEndpoints_get: {
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
                    "application/json": components["schemas"]["WebhookEndpointDto"];
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
    webhookEndpoints_delete: {
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
    webhookEndpoints_update: {
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
                "application/json": components["schemas"]["UpdateWebhookEndpointDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointDto"];
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
    webhookEndpoints_rotateSecret: {
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
                    "application/json": components["schemas"]["EndpointSecretDto"];
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
    webhookEndpoints_test: {
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
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestPingDto"];
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
    webhookEndpoints_deliveries: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `nextCursor` of the previous page */
                cursor?: string;
                status?: components["schemas"]["EventDeliveryStatus"];
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
                    "application/json": components["schemas"]["EventDeliveryPageDto"];
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
    webhookEndpoints_retry: {
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
            202: {
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
            /** @description ALREADY_DELIVERED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    webhookEndpoints_events: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `nextCursor` of the previous page */
                cursor?: string;
                type?: "order.paid" | "order.refunded" | "order.disputed" | "order.dispute_closed" | "credits.granted" | "credits.expiring_soon" | "credits.expired" | "balance.low" | "balance.depleted" | "auto_top_up.succeeded" | "auto_top_up.failed" | "auto_top_up.requires_action" | "auto_top_up.disabled" | "ping";
                walletId?: string;
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
                    "application/json": components["schemas"]["OutboxEventPageDto"];
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
    organizations_list: {
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
                    "application/json": components["schemas"]["OrganizationDto"][];
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
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
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
    organizations_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrganizationNameDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
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
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
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
    organizations_get: {
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
                    "application/json": components["schemas"]["OrganizationDto"];
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
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
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
    organizations_delete: {
        parameters: {
            query?: {
                /** @description Forfeit the credits left in the wallet (an ADJUSTMENT to zero) instead of 409 */
                forfeit?: "true" | "false";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
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
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description WALLET_NOT_EMPTY while the wallet’s remaining is not 0 (forfeit=true forfeits positive credits); HOLDS_PENDING while requests hold credits */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    organizations_rename: {
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
                "application/json": components["schemas"]["OrganizationNameDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
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
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
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
    organizations_members: {
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
                    "application/json": components["schemas"]["MemberDto"][];
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
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
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
    organizations_addMember: {
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
                "application/json": components["schemas"]["AddMemberDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberDto"];
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
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ALREADY_MEMBER */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    organizations_removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
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
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description LAST_OWNER */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    organizations_updateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMemberDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberDto"];
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
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description LAST_OWNER */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    organizations_listKeys: {
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
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
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
    organizations_createKey: {
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
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
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
    organizations_revokeKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
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
            /** @description FORBIDDEN: your role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not a member, or the organization is deleted */
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
