import { Reflector } from '@nestjs/core';
import type { Role } from '../../generated/prisma/enums.js';

/** Typed metadata: the roles a route requires, read by RolesGuard. */
export const RequiredRoles = Reflector.createDecorator<Role[]>();
