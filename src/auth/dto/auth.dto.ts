import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Role } from '../../generated/prisma/enums.js';

const normalizeEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com', maxLength: 254 })
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 128, example: 'correct horse battery staple' })
  @IsString()
  @Length(8, 128)
  password!: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Ada Lovelace' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, 128)
  password!: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ nullable: true, type: String })
  name!: string | null;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;
}

export class MeDto extends UserDto {
  @ApiProperty()
  createdAt!: Date;
}

export class AuthTokenDto {
  @ApiProperty({ description: 'HS256 JWT; send it as `Authorization: Bearer <token>`' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ type: 'integer', description: 'Lifetime of the token in seconds', example: 3600 })
  expiresIn!: number;

  @ApiProperty({ type: UserDto })
  user!: UserDto;
}
