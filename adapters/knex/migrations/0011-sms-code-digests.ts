import type { Knex } from 'knex';

/**
 * SMS codes are kept as keyed digests instead of plain text, and record the token that asked for
 * them (for the per-token hourly cap). Codes pending at the upgrade (five minutes' worth) cannot be
 * digested without the key, so their digest is left empty: it matches nothing, and the user asks
 * again. Their rows stay, so the limits still count them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sms_codes', (t) => {
    t.specificType('code_hash', 'char(64)').notNullable().defaultTo('');
    t.specificType('requester', 'char(64)').nullable();
    t.index(['requester', 'sent_at'], 'sms_codes_requester_sent_at_index');
  });
  await knex.schema.alterTable('sms_codes', (t) => {
    t.dropColumn('code');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sms_codes', (t) => {
    t.string('code', 8).notNullable().defaultTo('');
  });
  await knex.schema.alterTable('sms_codes', (t) => {
    t.dropIndex(['requester', 'sent_at'], 'sms_codes_requester_sent_at_index');
    t.dropColumn('requester');
    t.dropColumn('code_hash');
  });
}
