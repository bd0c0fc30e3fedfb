import { describe, expect, it } from "vitest";
import { subtreeIds } from "../../../src/features/agencies/agency-tree.ts";

describe("subtreeIds", () => {
  // 1 province ─ 2 department
  //            └ 3 district ─ 4 commune ─ 5 hamlet office
  const agencies = [
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 1 },
    { id: 4, parentId: 3 },
    { id: 5, parentId: 4 },
  ];

  it("gives a root and everything below it, and nothing beside it", () => {
    expect([...subtreeIds(agencies, [3])].sort()).toEqual([3, 4, 5]);
    expect([...subtreeIds(agencies, [2])]).toEqual([2]);
    expect([...subtreeIds(agencies, [1])].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("joins several roots, and gives nothing for no roots", () => {
    expect([...subtreeIds(agencies, [2, 4])].sort()).toEqual([2, 4, 5]);
    expect(subtreeIds(agencies, []).size).toBe(0);
  });

  it("ends on a cycle in bad data", () => {
    const cyclic = [
      { id: 7, parentId: 8 },
      { id: 8, parentId: 7 },
    ];
    expect([...subtreeIds(cyclic, [7])].sort()).toEqual([7, 8]);
  });
});
