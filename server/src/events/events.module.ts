import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Events } from './events.service.js';
import { OutboxEvent } from './outbox.entity.js';

@Global()
@Module({ imports: [TypeOrmModule.forFeature([OutboxEvent])], providers: [Events], exports: [Events] })
export class EventsModule {}
