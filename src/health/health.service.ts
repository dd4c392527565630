import { Injectable } from '@nestjs/common';
import { PrismaHealthIndicator } from '@nestjs/terminus';
import { PrismaService } from '../database/prisma.service.js';

@Injectable()
export class HealthService {
  constructor(
    private readonly prismaIndicator: PrismaHealthIndicator,
    private readonly prisma: PrismaService,
  ) {}

  async isDatabaseUp(): Promise<boolean> {
    const result = await this.prismaIndicator.pingCheck('database', this.prisma).withTimeout(2_000);
    return result.database?.status === 'up';
  }
}
