import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { User } from '../generated/prisma/client.js';
import type { AccessTokenClaims } from './authenticated-user.js';
import type { AuthTokenDto, LoginDto, MeDto, RegisterDto, UserDto } from './dto/auth.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(input: RegisterDto): Promise<AuthTokenDto> {
    // The role comes from configuration only; the DTO has no role field (an unknown field is a 400).
    const role = this.config.adminEmails.has(input.email) ? 'ADMIN' : 'USER';
    const created = await this.users.create({
      email: input.email,
      passwordHash: await this.passwords.hash(input.password),
      name: input.name ?? null,
      role,
    });
    if (!created) throw new AppException(ErrorCode.EMAIL_TAKEN, 'An account with this email already exists');
    return this.issueToken(created.user, created.walletId);
  }

  async login(input: LoginDto): Promise<AuthTokenDto> {
    const user = await this.users.findByEmailWithWallet(input.email);
    const valid = await this.passwords.verify(user?.passwordHash, input.password);
    if (!user?.wallet || !valid)
      throw new AppException(ErrorCode.INVALID_CREDENTIALS, 'Email or password is wrong');
    return this.issueToken(user, user.wallet.id);
  }

  async me(userId: string): Promise<MeDto> {
    const user = await this.users.findById(userId);
    if (!user) throw new AppException(ErrorCode.UNAUTHORIZED, 'The account no longer exists');
    return { ...toUserDto(user), createdAt: user.createdAt };
  }

  private async issueToken(user: User, walletId: string): Promise<AuthTokenDto> {
    const claims: AccessTokenClaims = { sub: user.id, email: user.email, role: user.role, wid: walletId };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.jwt.expiresInSeconds,
      user: toUserDto(user),
    };
  }
}

function toUserDto(user: User): UserDto {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
