package com.promocalendar.keycloak.recipients;

import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The enabled human users of one realm whose effective roles include a role, read from
 * Keycloak's JPA entities (JPQL, so the same on H2 and PostgreSQL).
 *
 * <p>Keycloak answers "does this user have the role" by expanding that user's mappings;
 * asked for all users, that is one expansion per user. This class turns it around: the
 * roles that grant the role (the role itself and every composite that contains it, at any
 * depth) and the groups that grant it (groups mapped to one of those roles, and all their
 * descendants, since a group inherits its parent's roles) are few and found first; a page
 * of members is then one keyset query for users with a mapping to one of those roles or a
 * membership in one of those groups.
 */
final class EffectiveRoleMembers {

    private final EntityManager entities;
    private final String realmId;

    EffectiveRoleMembers(EntityManager entities, String realmId) {
        this.entities = entities;
        this.realmId = realmId;
    }

    /**
     * The role and every role whose composite expansion contains it, realm or client roles.
     * A composite holds only roles of its own realm, so all of them are this realm's.
     */
    Set<String> grantingRoles(String roleId) {
        return closure(Set.of(roleId), children -> entities
                .createQuery("select c.parentRole.id from CompositeRoleEntity c where c.childRole.id in :ids",
                        String.class)
                .setParameter("ids", children)
                .getResultList());
    }

    /** The groups of this realm mapped to one of the roles, and all their descendants. */
    Set<String> grantingGroups(Set<String> roleIds) {
        List<String> mapped = entities
                .createQuery("select m.group.id from GroupRoleMappingEntity m"
                        + " where m.roleId in :ids and m.group.realm = :realm", String.class)
                .setParameter("ids", roleIds)
                .setParameter("realm", realmId)
                .getResultList();
        return closure(new HashSet<>(mapped), parents -> entities
                .createQuery("select g.id from GroupEntity g where g.parentId in :ids and g.realm = :realm",
                        String.class)
                .setParameter("ids", parents)
                .setParameter("realm", realmId)
                .getResultList());
    }

    /**
     * Up to {@code max} users with an id greater than {@code after} (in the database's
     * ordering of ids, which is also the order of the result), holding one of the roles
     * directly or through membership in one of the groups. An empty {@code after} starts
     * at the beginning.
     *
     * <p>There is no condition on the realm: the roles and groups are this realm's, and only
     * this realm's users can hold them (Keycloak's own role and group member queries rely on
     * the same). Naming the realm lets the database pick a realm index and sort all of the
     * realm's users for every page (H2: a few hundred ms a page at 2,000 users, growing
     * with them); without it the only usable index is the primary key, walked in id order
     * from {@code after} until {@code max} users matched.
     */
    List<Recipient> page(Set<String> roleIds, Set<String> groupIds, String after, int max) {
        String throughGroups = groupIds.isEmpty() ? "" : """
                   or exists (select m.groupId from UserGroupMembershipEntity m
                              where m.user = u and m.groupId in :groups)
                """;
        var query = entities.createQuery("""
                select u.id, u.username, u.firstName,
                       (select min(a.value) from UserAttributeEntity a where a.user = u and a.name = 'locale')
                from UserEntity u
                where u.id > :after and u.enabled = true and u.serviceAccountClientLink is null
                  and (exists (select r.roleId from UserRoleMappingEntity r
                               where r.user = u and r.roleId in :roles)
                """ + throughGroups + """
                  )
                order by u.id
                """, Object[].class)
                .setParameter("after", after)
                .setParameter("roles", roleIds)
                .setMaxResults(max);
        if (!groupIds.isEmpty()) {
            query.setParameter("groups", groupIds);
        }
        return query.getResultStream()
                .map(row -> new Recipient((String) row[0], (String) row[1], (String) row[2], (String) row[3]))
                .toList();
    }

    /** The start ids and every id reachable from them through {@code next} (breadth first; cycles end). */
    private static Set<String> closure(Set<String> start, Function<Set<String>, List<String>> next) {
        Set<String> found = new HashSet<>(start);
        Set<String> frontier = start;
        while (!frontier.isEmpty()) {
            Set<String> reached = new HashSet<>(next.apply(frontier));
            reached.removeAll(found);
            found.addAll(reached);
            frontier = reached;
        }
        return found;
    }
}
