import { applyDecorators, createParamDecorator, type ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { API_KEY_AUTH, BEARER_AUTH } from '../../common/http/openapi.js';
import { ErrorResponseDto } from '../../common/http/error-response.dto.js';
import type { Role } from '../../generated/prisma/enums.js';
import type { AuthenticatedUser } from '../authenticated-user.js';
import { AuthenticationGuard } from '../guards/authentication.guard.js';
import { RolesGuard } from '../guards/roles.guard.js';
import { RequiredRoles } from './roles.metadata.js';

/** The route needs a valid `Authorization: Bearer <jwt>` or `X-API-Key`; else 401. */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(AuthenticationGuard),
    ApiBearerAuth(BEARER_AUTH),
    ApiSecurity(API_KEY_AUTH),
    ApiUnauthorizedResponse({
      type: ErrorResponseDto,
      description: 'Missing, invalid or expired credentials',
    }),
  );
}

/** Authenticated, and the user has one of these roles; else 403 FORBIDDEN. */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    // First: guards run in the order they are declared, so the user is known before its role is checked.
    Authenticated(),
    RequiredRoles(roles),
    UseGuards(RolesGuard),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: `Requires role ${roles.join(' or ')}` }),
  );
}

/** The authenticated user of the request (use on routes with @Authenticated() or @Roles()). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<Request>().user as AuthenticatedUser,
);
