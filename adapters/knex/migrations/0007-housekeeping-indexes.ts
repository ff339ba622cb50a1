import type { Knex } from 'knex';

/**
 * Indexes for the housekeeping purge, which deletes by time alone. `sms_codes` has `sent_at` only
 * behind `mobile` and `ip`, and `scenes` had no index on `expires_at`, so without these each
 * purge would read the whole table; on MySQL (REPEATABLE READ) that DELETE would also lock every
 * row it read, holding up the SMS sends and scene logins that write meanwhile.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sms_codes', (t) => {
    t.index(['sent_at'], 'sms_codes_sent_at_index');
  });
  await knex.schema.alterTable('scenes', (t) => {
    t.index(['expires_at'], 'scenes_expires_at_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('scenes', (t) => {
    t.dropIndex(['expires_at'], 'scenes_expires_at_index');
  });
  await knex.schema.alterTable('sms_codes', (t) => {
    t.dropIndex(['sent_at'], 'sms_codes_sent_at_index');
  });
}
